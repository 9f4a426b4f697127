package io.herald.server.app;

import io.vertx.core.Vertx;
import io.vertx.core.transport.Transport;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network transport of the gateway's Vert.x: the native one (epoll; the gateway ships Netty's library for Linux
 * x86_64) unless {@code HERALD_NATIVE_TRANSPORT=false}, and NIO wherever the native library cannot load. See
 * {@code docs/decisions/0004-native-transport.md}.
 */
final class NativeTransport {
  private static final Logger log = LoggerFactory.getLogger(NativeTransport.class);

  private NativeTransport() {}

  /** Reads {@code HERALD_NATIVE_TRANSPORT}: {@code true} (the default) or {@code false} to force NIO. */
  static boolean preferred(Map<String, String> env) {
    String value = env.get("HERALD_NATIVE_TRANSPORT");
    if (value == null || value.isBlank()) {
      return true;
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(
          "HERALD_NATIVE_TRANSPORT: " + value + " (expected: true or false)");
    };
  }

  /** Says which transport {@code vertx} runs on; Vert.x itself falls back to NIO silently. */
  static void log(Vertx vertx, boolean preferred) {
    if (vertx.isNativeTransportEnabled()) {
      log.debug("network transport: {}", Transport.nativeTransport().name());
    } else if (preferred) {
      Throwable cause = vertx.unavailableNativeTransportCause();
      // the cause as text: a stack trace here would look like a failure
      log.info("native transport unavailable, using NIO: {}",
          cause == null ? "none for this platform" : cause.toString());
    } else {
      log.debug("network transport: nio (HERALD_NATIVE_TRANSPORT=false)");
    }
  }
}
