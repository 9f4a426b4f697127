package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.socketio.PayloadMapper;
import io.herald.core.socketio.SocketPacket;
import io.herald.core.socketio.SocketPacketType;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The shapes the Node adapter puts on the wire: socket.io-parser packet objects {@code {type, data, nsp[, id]}},
 * broadcast options {@code {rooms, except, flags}}, and messages that are JSON when they start with {@code '{'}
 * and MessagePack otherwise.
 */
final class Wire {
  static final ObjectMapper JSON = PayloadMapper.get();
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Wire() {}

  /** A packet as the Node server hands it to its adapter; binary values stay binary. */
  static ObjectNode packet(SocketPacket packet, boolean withId) {
    ObjectNode node = NODES.objectNode();
    node.put("type", switch (packet.type()) {
      case BINARY_EVENT -> SocketPacketType.EVENT.ordinal();
      case BINARY_ACK -> SocketPacketType.ACK.ordinal();
      default -> packet.type().ordinal();
    });
    node.set("data", tree(packet.data()));
    node.put("nsp", packet.namespace());
    if (withId && packet.hasId()) {
      node.put("id", packet.id());
    }
    return node;
  }

  /** The EVENT a received packet object stands for, or {@code null} if it is not one. */
  static SocketPacket event(JsonNode packet, String namespace) {
    int type = packet.path("type").asInt(-1);
    JsonNode data = packet.get("data");
    boolean event = type == SocketPacketType.EVENT.ordinal() || type == SocketPacketType.BINARY_EVENT.ordinal();
    if (!event || data == null || !data.isArray() || data.isEmpty() || !data.get(0).isTextual()) {
      return null;
    }
    return SocketPacket.event(namespace, data, SocketPacket.NO_ID);
  }

  /** {@code {rooms, except, flags}} as the Node adapter encodes a broadcast's options. */
  static ObjectNode options(BroadcastOptions options, ObjectNode flags) {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(options.rooms()));
    node.set("except", strings(options.except()));
    node.set("flags", flags);
    return node;
  }

  /** {@code {rooms, except}}, the selection of a request. */
  static ObjectNode selection(BroadcastOptions options) {
    ObjectNode node = NODES.objectNode();
    node.set("rooms", strings(options.rooms()));
    node.set("except", strings(options.except()));
    return node;
  }

  /** The flags of a broadcast: {@code volatile} when set. */
  static ObjectNode flags(BroadcastOptions options) {
    ObjectNode flags = NODES.objectNode();
    if (options.volatileDelivery()) {
      flags.put("volatile", true);
    }
    return flags;
  }

  /** Received options, applied on this node only. Rooms may be numbers in Node; they are names here. */
  static BroadcastOptions localOptions(JsonNode opts) {
    boolean volatileDelivery = opts.path("flags").path("volatile").asBoolean(false);
    return new BroadcastOptions(names(opts.get("rooms")), names(opts.get("except")), volatileDelivery, true);
  }

  static Set<String> names(JsonNode array) {
    if (array == null || !array.isArray()) {
      return Set.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode element : array) {
      if (element.isValueNode() && !element.isNull()) {
        names.add(element.asText());
      }
    }
    return names;
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode array = NODES.arrayNode(values.size());
    values.forEach(array::add);
    return array;
  }

  /** A received message: JSON if it starts with '{', MessagePack otherwise. Throws on malformed input. */
  static JsonNode read(byte[] message) {
    if (message.length == 0) {
      throw new IllegalArgumentException("empty message");
    }
    if (message[0] == '{') {
      try {
        return JSON.readTree(message);
      } catch (IOException e) {
        throw new IllegalArgumentException("malformed JSON: " + e.getMessage(), e);
      }
    }
    return Msgpack.decode(message);
  }

  /** JSON as Node's {@code JSON.stringify} writes it: binary values become {@code {"type":"Buffer","data":[...]}}. */
  static byte[] json(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(withNodeBuffers(node));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode withNodeBuffers(JsonNode node) {
    if (node instanceof BinaryNode binary) {
      ArrayNode bytes = NODES.arrayNode();
      for (byte b : binary.binaryValue()) {
        bytes.add(b & 0xff);
      }
      return NODES.objectNode().put("type", "Buffer").set("data", bytes);
    }
    if (node instanceof ObjectNode object) {
      ObjectNode copy = NODES.objectNode();
      object.properties().forEach(field -> copy.set(field.getKey(), withNodeBuffers(field.getValue())));
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = NODES.arrayNode(array.size());
      array.forEach(element -> copy.add(withNodeBuffers(element)));
      return copy;
    }
    return node;
  }

  /** Any emittable value as a Jackson tree, with byte arrays and buffers as binary nodes. */
  static JsonNode tree(Object value) {
    return switch (value) {
      case null -> NODES.nullNode();
      case JsonNode node -> node;
      case byte[] bytes -> NODES.binaryNode(bytes);
      case ByteBuffer buffer -> NODES.binaryNode(bytes(buffer));
      case Buffer buffer -> NODES.binaryNode(buffer.getBytes());
      case JsonObject object -> tree(object.getMap());
      case JsonArray array -> tree(array.getList());
      case Map<?, ?> map -> {
        ObjectNode object = NODES.objectNode();
        map.forEach((k, v) -> object.set(String.valueOf(k), tree(v)));
        yield object;
      }
      case Collection<?> list -> {
        ArrayNode array = NODES.arrayNode(list.size());
        list.forEach(element -> array.add(tree(element)));
        yield array;
      }
      case Object[] elements -> {
        ArrayNode array = NODES.arrayNode(elements.length);
        for (Object element : elements) {
          array.add(tree(element));
        }
        yield array;
      }
      default -> JSON.valueToTree(value);
    };
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
