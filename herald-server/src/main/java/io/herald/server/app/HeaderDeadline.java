package io.herald.server.app;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP connections that take too long to send a request's headers (slowloris): a client that trickles a
 * byte at a time keeps the idle timeout from firing, but not this deadline. It runs from when a connection opens
 * and again after each response, until the headers of the next request are in; upgraded WebSockets are left alone.
 * {@code HERALD_HEADER_TIMEOUT}, 10 s by default.
 */
final class HeaderDeadline {
  private static final Logger log = LoggerFactory.getLogger(HeaderDeadline.class);
  static final Duration DEFAULT = Duration.ofSeconds(10);

  private final Duration timeout;

  HeaderDeadline(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("HERALD_HEADER_TIMEOUT: " + timeout + " (expected: > 0)");
    }
    this.timeout = timeout;
  }

  static HeaderDeadline fromEnv(Map<String, String> env) {
    String value = env.get("HERALD_HEADER_TIMEOUT");
    if (value == null || value.isBlank()) {
      return new HeaderDeadline(DEFAULT);
    }
    try {
      String trimmed = value.trim();
      return new HeaderDeadline(trimmed.chars().allMatch(Character::isDigit)
          ? Duration.ofSeconds(Long.parseLong(trimmed)) : Duration.parse(trimmed));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException("HERALD_HEADER_TIMEOUT: " + value + " (expected: seconds, or ISO-8601 like PT10S)");
    }
  }

  /** The deadlines of one HTTP server; confined to that server's event loop, like its connections. */
  Tracker tracker(Vertx vertx) {
    return new Tracker(vertx);
  }

  final class Tracker {
    private final Vertx vertx;
    private final Map<HttpConnection, Watch> watches = new HashMap<>();

    private Tracker(Vertx vertx) {
      this.vertx = vertx;
    }

    /** A new connection: its first request's headers must arrive in time. */
    void watch(HttpConnection connection) {
      Watch watch = new Watch(vertx, connection);
      watches.put(connection, watch);
      connection.closeHandler(v -> {
        watch.cancel();
        watches.remove(connection);
      });
      watch.arm();
    }

    /** A request's headers arrived: the deadline stops until its response has been sent. */
    void headersReceived(HttpServerRequest request) {
      Watch watch = watches.get(request.connection());
      if (watch == null) {
        return;
      }
      watch.cancel();
      if (request.canUpgradeToWebSocket()) {
        watches.remove(request.connection());
      } else {
        request.response().endHandler(v -> watch.arm());
      }
    }
  }

  /** One connection's deadline. */
  private final class Watch {
    private final Vertx vertx;
    private final HttpConnection connection;
    private long timer = -1;

    Watch(Vertx vertx, HttpConnection connection) {
      this.vertx = vertx;
      this.connection = connection;
    }

    void arm() {
      cancel();
      timer = vertx.setTimer(timeout.toMillis(), t -> {
        timer = -1;
        log.info("closed a connection from {}: no complete request headers within {} ms (slow client)",
            connection.remoteAddress(), timeout.toMillis());
        connection.close();
      });
    }

    void cancel() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
