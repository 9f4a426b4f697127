package io.herald.server.limits;

import io.herald.core.engineio.EngineOptions;
import io.herald.core.server.SocketServer;
import io.vertx.core.http.HttpServerOptions;
import io.herald.server.http.HttpErrors;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The limits the gateway puts on clients, from the environment; every one has a safe default. See
 * {@code docs/LIMITS.md} for the table of limits, variables, defaults and what happens past each.
 *
 * @param maxPayload {@code HERALD_MAX_PAYLOAD}: the largest message or polling body, in bytes
 * @param maxConnectionsPerIp {@code HERALD_MAX_CONNECTIONS_PER_IP}; 0 for no limit
 * @param handshakesPerIpPerSecond {@code HERALD_HANDSHAKES_PER_IP_PER_SECOND}; 0 for no limit
 * @param maxNamespacesPerConnection {@code HERALD_MAX_NAMESPACES_PER_CONNECTION}
 * @param maxRoomsPerSocket {@code HERALD_MAX_ROOMS_PER_SOCKET}
 * @param maxEventNameLength {@code HERALD_MAX_EVENT_NAME_LENGTH}
 * @param eventsPerSecond {@code HERALD_EVENTS_PER_SECOND}; 0 for no limit
 * @param maxBufferedBytes {@code HERALD_MAX_BUFFERED_BYTES}: outbound bytes one connection may have waiting
 * @param httpMaxBody {@code HERALD_HTTP_MAX_BODY}: the largest REST request body, by its Content-Length
 * @param idleTimeout {@code HERALD_IDLE_TIMEOUT}: an HTTP connection with no traffic this long is closed
 */
public record LimitSettings(int maxPayload, int maxConnectionsPerIp, int handshakesPerIpPerSecond,
    int maxNamespacesPerConnection, int maxRoomsPerSocket, int maxEventNameLength, int eventsPerSecond,
    int maxBufferedBytes, int httpMaxBody, Duration idleTimeout) {

  public static LimitSettings defaults() {
    return fromEnv(Map.of());
  }

  /** @throws IllegalArgumentException naming the variable whose value has the wrong form */
  public static LimitSettings fromEnv(Map<String, String> env) {
    return new LimitSettings(
        number(env, "HERALD_MAX_PAYLOAD", 1_000_000, 1),
        number(env, "HERALD_MAX_CONNECTIONS_PER_IP", 1_000, 0),
        number(env, "HERALD_HANDSHAKES_PER_IP_PER_SECOND", 100, 0),
        number(env, "HERALD_MAX_NAMESPACES_PER_CONNECTION", 32, 1),
        number(env, "HERALD_MAX_ROOMS_PER_SOCKET", 1_000, 1),
        number(env, "HERALD_MAX_EVENT_NAME_LENGTH", 256, 1),
        number(env, "HERALD_EVENTS_PER_SECOND", 100, 0),
        number(env, "HERALD_MAX_BUFFERED_BYTES", 4 * 1024 * 1024, 1),
        number(env, "HERALD_HTTP_MAX_BODY", 10 * 1024 * 1024, 1),
        duration(env, "HERALD_IDLE_TIMEOUT", Duration.ofSeconds(60)));
  }

  /** The engine limits, on top of the given options (CORS, heartbeat…). */
  public EngineOptions.Builder applyTo(EngineOptions.Builder engine) {
    return engine.maxPayload(maxPayload).maxBufferedBytes(maxBufferedBytes).maxConnectionsPerIp(maxConnectionsPerIp)
        .handshakesPerIpPerSecond(handshakesPerIpPerSecond);
  }

  /**
   * The Socket.IO limits. A dropped event is answered the way the seeds report errors: its ack gets
   * {@code {status: "error", message: "rate limit exceeded"}}, or (at most once a second) the socket gets
   * {@code exception} with that object.
   */
  public SocketServer.Builder applyTo(SocketServer.Builder io) {
    return io.maxNamespacesPerConnection(maxNamespacesPerConnection).maxRoomsPerSocket(maxRoomsPerSocket)
        .maxEventNameLength(maxEventNameLength).eventsPerSecond(eventsPerSecond)
        .rateLimitReply((socket, event, ack) -> {
          Map<String, String> error = Map.of("status", "error", "message", "rate limit exceeded");
          if (ack.requested()) {
            ack.send(error);
          } else {
            socket.emit("exception", error);
          }
        });
  }

  /**
   * Refuses REST requests whose declared body is larger than {@code httpMaxBody} with 413 before reading them;
   * bodies without a length are bounded by each route's own body handler.
   */
  public Handler<RoutingContext> bodyGuard() {
    return ctx -> {
      String length = ctx.request().getHeader("content-length");
      long declared;
      try {
        declared = length == null ? 0 : Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        HttpErrors.send(ctx, 400, "bad_request", "content-length: " + length + " (expected: a number)");
        return;
      }
      if (declared > httpMaxBody) {
        // the body is not read: the connection closes once the answer has been written
        ctx.response().putHeader("connection", "close");
        HttpErrors.send(ctx, 413, "payload_too_large",
            "request body of " + declared + " bytes (expected: at most " + httpMaxBody + ")");
        return;
      }
      ctx.next();
    };
  }

  /** The HTTP server's idle timeout: slow or silent connections are closed. */
  public HttpServerOptions applyTo(HttpServerOptions http) {
    return http.setIdleTimeout((int) Math.max(1, idleTimeout.toSeconds()))
        .setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
  }

  private static int number(Map<String, String> env, String name, int fallback, int min) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip().replace("_", ""));
      if (parsed >= min) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(name + ": " + value + " (expected: a number >= " + min
        + (min == 0 ? ", 0 for no limit)" : ")"));
  }

  private static Duration duration(Map<String, String> env, String name, Duration fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    String v = value.strip();
    try {
      Duration parsed = v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v))
          : Duration.parse(v.startsWith("P") || v.startsWith("p") ? v : "PT" + v);
      if (!parsed.isNegative() && parsed.toSeconds() >= 1) {
        return parsed;
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException(name + ": " + value + " (expected: seconds or a duration such as 60s, PT1M; "
        + ">= 1 s)");
  }
}
