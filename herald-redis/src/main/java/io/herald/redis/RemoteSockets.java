package io.herald.redis;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.SocketDetails;
import java.util.Collections;
import java.util.Map;

/**
 * Sockets as {@code fetchSockets} carries them between nodes: {@code {id, handshake, rooms, data}}, the handshake
 * as the Node server serialises it.
 */
final class RemoteSockets {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private RemoteSockets() {}

  static ObjectNode json(SocketDetails socket) {
    ObjectNode node = Wire.NODES.objectNode();
    node.put("id", socket.id());
    node.set("handshake", HandshakeJson.of(socket.handshake()));
    node.set("rooms", Wire.strings(socket.rooms()));
    node.set("data", socket.data() == null ? Wire.NODES.objectNode() : Wire.tree(socket.data()));
    return node;
  }

  /** A socket on another node; its handshake stays the JSON that node sent. */
  static SocketDetails details(JsonNode socket) {
    JsonNode data = socket.path("data");
    Map<String, Object> map = data.isObject()
        ? Collections.unmodifiableMap(Wire.JSON.convertValue(data, MAP))
        : Map.of();
    JsonNode handshake = socket.path("handshake");
    return new SocketDetails(socket.path("id").asText(), handshake.isMissingNode() ? null : handshake,
        Wire.names(socket.get("rooms")), map, false);
  }
}
