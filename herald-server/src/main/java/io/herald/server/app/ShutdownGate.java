package io.herald.server.app;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The first step of a graceful shutdown: once {@link #close() closed}, every request that would open something new
 * (an Engine.IO handshake, a {@code /api/ws} upgrade, a REST call) is answered {@code 503} with
 * {@code Connection: close}, while requests of sessions that already exist (those with a {@code sid}) still pass, so
 * those sessions can be told {@code system.maintenance} and be closed cleanly. Clients retry with their own back-off
 * and reach the next instance.
 *
 * <p>{@code HERALD_SHUTDOWN_DEADLINE} bounds the whole drain: seconds ({@code 10}) or an ISO-8601 duration
 * ({@code PT10S}); default 10 s.
 */
final class ShutdownGate {
  static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final String enginePath;
  private final Duration deadline;
  private volatile boolean closed;

  ShutdownGate(String enginePath, Duration deadline) {
    this.enginePath = enginePath.endsWith("/") ? enginePath : enginePath + "/";
    this.deadline = deadline;
  }

  /** How long the drain may take, from the start of the shutdown. */
  Duration deadline() {
    return deadline;
  }

  /** Reads {@code HERALD_SHUTDOWN_DEADLINE}. */
  static Duration deadline(Map<String, String> env) {
    String value = env.get("HERALD_SHUTDOWN_DEADLINE");
    if (value == null || value.isBlank()) {
      return DEFAULT_DEADLINE;
    }
    String text = value.trim();
    try {
      Duration deadline = DIGITS.matcher(text).matches() ? Duration.ofSeconds(Long.parseLong(text))
          : Duration.parse(text);
      if (deadline.isNegative()) {
        throw new IllegalArgumentException("HERALD_SHUTDOWN_DEADLINE: " + value + " (expected: >= 0)");
      }
      return deadline;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(
          "HERALD_SHUTDOWN_DEADLINE: " + value + " (expected: seconds such as 10, or a duration such as PT10S)");
    }
  }

  /** Wraps the gateway's request handler. */
  Handler<HttpServerRequest> guard(Handler<HttpServerRequest> handler) {
    return request -> {
      if (closed && !belongsToLiveSession(request)) {
        refuse(request);
        return;
      }
      handler.handle(request);
    };
  }

  /** From now on, nothing new is accepted. */
  void close() {
    closed = true;
  }

  private boolean belongsToLiveSession(HttpServerRequest request) {
    String path = request.path();
    return path != null && (path + "/").startsWith(enginePath) && request.getParam("sid") != null;
  }

  private static void refuse(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    if (request.version() != HttpVersion.HTTP_2) {
      response.putHeader("connection", "close"); // a header HTTP/2 forbids
    }
    response.setStatusCode(503)
        .putHeader("content-type", "application/json")
        .putHeader("retry-after", "1")
        .end("{\"error\":\"shutting_down\",\"message\":\"the gateway is shutting down; retry shortly\"}");
  }
}
