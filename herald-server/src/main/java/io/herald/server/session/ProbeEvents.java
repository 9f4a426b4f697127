package io.herald.server.session;

import static io.herald.server.session.SessionEvents.first;
import static io.herald.server.session.SessionEvents.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Ack;
import io.herald.core.server.Socket;
import io.herald.server.http.ServerTime;
import io.herald.server.auth.SocketIdentity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code getConnectionInfo(cb)}, {@code ping(cb)} and {@code heartbeat({timestamp?}, cb)} (seed 002).
 *
 * <ul>
 *   <li>{@code getConnectionInfo} answers {@code {socketId, connected, rooms, authenticated, connectedAt}}.
 *   <li>{@code ping} answers {@code {timestamp}} (ms) and emits {@code pong {timestamp}}.
 *   <li>{@code heartbeat} answers and emits {@code heartbeatAck {timestamp, serverTime, latency}}: the latency is
 *       now minus the client's {@code timestamp} when that is a plausible time in ms, else {@code null}.
 * </ul>
 */
final class ProbeEvents {
  /** Latencies outside [0, this] come from clocks that disagree, not from the network. */
  static final Duration MAX_LATENCY = Duration.ofMinutes(5);

  private final Clock clock;

  ProbeEvents(Clock clock) {
    this.clock = clock;
  }

  void register(Socket socket) {
    socket.on("getConnectionInfo", guarded(socket, "getConnectionInfo", (args, ack) -> connectionInfo(socket, ack)));
    socket.on("ping", guarded(socket, "ping", (args, ack) -> ping(socket, ack)));
    socket.on("heartbeat", guarded(socket, "heartbeat", (args, ack) -> heartbeat(socket, first(args), ack)));
  }

  private static void connectionInfo(Socket socket, Ack ack) {
    Object connectedAt = socket.data().get(SessionEvents.CONNECTED_AT);
    ack.send(new JsonObject()
        .put("socketId", socket.id())
        .put("connected", socket.connected())
        .put("rooms", new JsonArray(socket.rooms().stream().sorted().toList()))
        .put("authenticated", SocketIdentity.of(socket).isPresent())
        .put("connectedAt", connectedAt instanceof String iso ? iso : ServerTime.iso(socket.handshake().issued())));
  }

  private void ping(Socket socket, Ack ack) {
    JsonObject pong = new JsonObject().put("timestamp", clock.millis());
    socket.emit("pong", pong);
    ack.send(pong);
  }

  private void heartbeat(Socket socket, JsonNode payload, Ack ack) {
    Instant now = clock.instant();
    JsonObject answer = new JsonObject()
        .put("timestamp", now.toEpochMilli())
        .put("serverTime", ServerTime.iso(now))
        .put("latency", latency(now.toEpochMilli(), payload.isNumber() ? payload : payload.path("timestamp")));
    socket.emit("heartbeatAck", answer);
    ack.send(answer);
  }

  private static Long latency(long now, JsonNode clientTimestamp) {
    if (!clientTimestamp.isNumber() || !Double.isFinite(clientTimestamp.asDouble())) {
      return null;
    }
    long latency = now - clientTimestamp.asLong();
    return latency >= 0 && latency <= MAX_LATENCY.toMillis() ? latency : null;
  }
}
