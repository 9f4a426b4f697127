package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.AdapterHost;
import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.socketio.SocketPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the requests other nodes (and emitters) publish on {@code <key>-request#<nsp>#} against this node's sockets
 * and publishes the answers, as the Node adapter does: JSON, except broadcast acknowledgements, which are
 * MessagePack so that binary answers stay binary. Malformed requests are logged and dropped.
 */
final class RequestHandler {
  private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

  private final RedisAdapter adapter;
  private final AdapterHost namespace;
  private final RedisClusterOptions options;
  private final Channels channels;
  private final PendingRequests pending;

  RequestHandler(RedisAdapter adapter, AdapterHost namespace, RedisClusterOptions options, Channels channels,
      PendingRequests pending) {
    this.adapter = adapter;
    this.namespace = namespace;
    this.options = options;
    this.channels = channels;
    this.pending = pending;
  }

  void onRequest(String channel, byte[] message) {
    JsonNode request = Wire.read(message);
    RequestType type = RequestType.of(request.path("type").asInt(-1));
    String from = request.path("uid").asText(null);
    String requestId = request.hasNonNull("requestId") ? request.get("requestId").asText() : null;
    if (type == null || adapter.uid().equals(from) || pending.isOwn(requestId)) {
      return;
    }
    switch (type) {
      case SOCKETS -> answer(request, response(requestId).set("sockets",
          Wire.strings(adapter.sockets(Wire.names(request.get("rooms"))))));
      case ALL_ROOMS -> answer(request, response(requestId).set("rooms", Wire.strings(adapter.localRooms())));
      case REMOTE_JOIN -> join(request, requestId);
      case REMOTE_LEAVE -> leave(request, requestId);
      case REMOTE_DISCONNECT -> disconnect(request, requestId);
      case REMOTE_FETCH -> fetch(request, requestId);
      case SERVER_SIDE_EMIT -> serverSideEmit(request, requestId);
      case BROADCAST -> broadcast(request, requestId);
      default -> log.debug("ignoring a request of type {} on {}", type, channel);
    }
  }

  private void join(JsonNode request, String requestId) {
    if (request.has("opts")) {
      adapter.localAddSockets(Wire.localOptions(request.get("opts")), Wire.names(request.get("rooms")));
      return;
    }
    LocalSocket socket = namespace.socket(request.path("sid").asText());
    if (socket != null && request.hasNonNull("room")) {
      adapter.addAll(socket.id(), Set.of(request.get("room").asText()));
      answer(request, response(requestId));
    }
  }

  private void leave(JsonNode request, String requestId) {
    if (request.has("opts")) {
      adapter.localDelSockets(Wire.localOptions(request.get("opts")), Wire.names(request.get("rooms")));
      return;
    }
    LocalSocket socket = namespace.socket(request.path("sid").asText());
    if (socket != null && request.hasNonNull("room")) {
      adapter.del(socket.id(), request.get("room").asText());
      answer(request, response(requestId));
    }
  }

  private void disconnect(JsonNode request, String requestId) {
    boolean close = request.path("close").asBoolean(false);
    if (request.has("opts")) {
      adapter.localDisconnectSockets(Wire.localOptions(request.get("opts")), close);
      return;
    }
    LocalSocket socket = namespace.socket(request.path("sid").asText());
    if (socket != null) {
      socket.disconnect(close);
      answer(request, response(requestId));
    }
  }

  private void fetch(JsonNode request, String requestId) {
    BroadcastOptions selection = Wire.localOptions(request.path("opts"));
    ArrayNode sockets = Wire.NODES.arrayNode();
    adapter.localSockets(selection).forEach(socket -> sockets.add(RemoteSockets.json(socket)));
    answer(request, response(requestId).set("sockets", sockets));
  }

  private void serverSideEmit(JsonNode request, String requestId) {
    JsonNode data = request.get("data");
    if (data == null || !data.isArray() || data.isEmpty()) {
      return;
    }
    List<JsonNode> eventAndArgs = new ArrayList<>(data.size());
    data.forEach(eventAndArgs::add);
    if (requestId == null) {
      namespace.onServerSideEmit(eventAndArgs, null);
      return;
    }
    AtomicBoolean called = new AtomicBoolean();
    Consumer<JsonNode> ack = arg -> {
      if (called.compareAndSet(false, true)) {
        ObjectNode response = Wire.NODES.objectNode().put("type", RequestType.SERVER_SIDE_EMIT.code);
        response.put("requestId", requestId).set("data", arg);
        adapter.publish(channels.response(), Wire.json(response));
      }
    };
    namespace.onServerSideEmit(eventAndArgs, ack);
  }

  private void broadcast(JsonNode request, String requestId) {
    SocketPacket event = Wire.event(request.path("packet"), namespace.name());
    if (event == null || requestId == null) {
      return;
    }
    JsonNode opts = request.path("opts");
    long timeout = opts.path("flags").path("timeout").asLong(options.requestsTimeout().toMillis());
    SocketPacket withId = SocketPacket.event(namespace.name(), event.data(), namespace.nextAckId());
    adapter.localBroadcastWithAck(withId, Wire.localOptions(opts), Duration.ofMillis(Math.max(1, timeout)),
        clientCount -> {
          ObjectNode response = Wire.NODES.objectNode().put("type", RequestType.BROADCAST_CLIENT_COUNT.code);
          answer(request, response.put("requestId", requestId).put("clientCount", clientCount));
        },
        arg -> {
          ObjectNode response = Wire.NODES.objectNode().put("type", RequestType.BROADCAST_ACK.code);
          response.put("requestId", requestId).set("packet", arg);
          publishAnswer(request, Msgpack.encode(response));
        });
  }

  private static ObjectNode response(String requestId) {
    ObjectNode response = Wire.NODES.objectNode();
    if (requestId != null) {
      response.put("requestId", requestId);
    }
    return response;
  }

  private void answer(JsonNode request, ObjectNode response) {
    publishAnswer(request, Wire.json(response));
  }

  private void publishAnswer(JsonNode request, byte[] response) {
    String to = channels.responseTo(request.path("uid").asText(null), options.publishOnSpecificResponseChannel());
    adapter.publish(to, response);
  }
}
