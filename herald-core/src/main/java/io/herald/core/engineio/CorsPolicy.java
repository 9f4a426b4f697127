package io.herald.core.engineio;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Set;

/**
 * Which browser origins may make cross-origin polling requests. {@code *} allows every origin.
 *
 * @param origins allowed origins such as {@code https://app.example.com}, or {@code *}
 * @param credentials whether cookies and authorization headers may be sent (the origin is then echoed)
 */
public record CorsPolicy(Set<String> origins, boolean credentials) {
  private static final String ALLOWED_HEADERS = "Content-Type, Authorization";
  private static final String ALLOWED_METHODS = "GET, POST, OPTIONS";

  public CorsPolicy {
    origins = Set.copyOf(origins);
  }

  public static CorsPolicy anyOrigin() {
    return new CorsPolicy(Set.of("*"), false);
  }

  public static CorsPolicy of(List<String> origins, boolean credentials) {
    return new CorsPolicy(Set.copyOf(origins), credentials);
  }

  boolean allows(String origin) {
    return origins.contains("*") || origins.contains(origin);
  }

  /** Adds the CORS headers for this request; returns false when the origin is present and not allowed. */
  boolean apply(HttpServerRequest request, HttpServerResponse response) {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (origin == null) {
      return true;
    }
    if (!allows(origin)) {
      return false;
    }
    if (origins.contains("*") && !credentials) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    } else {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
      response.putHeader(HttpHeaders.VARY, "Origin");
    }
    if (credentials) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
    if (request.method().name().equals("OPTIONS")) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
      String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, requested != null ? requested : ALLOWED_HEADERS);
      response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400");
    }
    return true;
  }
}
