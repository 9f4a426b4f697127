package io.herald.server.http;

import io.herald.core.engineio.CorsPolicy;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which browser origins may call the gateway: {@code HERALD_CORS_ORIGINS}, a comma-separated list of origins such
 * as {@code https://app.example.com}, or {@code *} for any. Unset, browsers may only use the gateway from its own
 * origin. Applies to Socket.IO (polling and WebSocket handshakes) and to the REST API alike.
 */
public record CorsSettings(List<String> origins) {
  public CorsSettings {
    origins = List.copyOf(origins);
  }

  public static CorsSettings fromEnv(Map<String, String> env) {
    String value = env.getOrDefault("HERALD_CORS_ORIGINS", "").trim();
    if (value.isEmpty()) {
      return new CorsSettings(List.of());
    }
    List<String> origins = Arrays.stream(value.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    for (String origin : origins) {
      if (!origin.equals("*") && !origin.matches("https?://[^/\\s]+")) {
        throw new IllegalArgumentException("HERALD_CORS_ORIGINS: " + origin
            + " (expected: * or origins like https://app.example.com, comma-separated)");
      }
    }
    return new CorsSettings(origins);
  }

  public boolean enabled() {
    return !origins.isEmpty();
  }

  /** The policy of the Socket.IO endpoint, or {@code null} when CORS is off. */
  public CorsPolicy engine() {
    return enabled() ? CorsPolicy.of(origins, !origins.contains("*")) : null;
  }

  /** The handler of the REST routes. */
  public CorsHandler rest() {
    CorsHandler handler = CorsHandler.create()
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS))
        .allowedHeaders(Set.of("content-type", "authorization"))
        .maxAgeSeconds(86_400);
    if (!origins.contains("*")) {
      handler.addOrigins(origins).allowCredentials(true);
    }
    return handler;
  }
}
