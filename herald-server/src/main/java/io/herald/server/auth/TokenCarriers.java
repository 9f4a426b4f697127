package io.herald.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Handshake;
import io.vertx.core.MultiMap;

/**
 * Where clients put their token, in the order they are read: the Socket.IO {@code auth.token}, the query
 * parameter {@code token}, the header {@code Authorization: Bearer <jwt>}.
 */
public final class TokenCarriers {
  /** The credential names to hide from handshakes once read. */
  public static final java.util.Set<String> CREDENTIAL_FIELDS = java.util.Set.of("token", "authorization");

  private TokenCarriers() {}

  /** The token of a Socket.IO handshake, or {@code null}. */
  public static String fromHandshake(Handshake handshake) {
    JsonNode auth = handshake.auth().get("token");
    if (auth != null && auth.isTextual() && !auth.asText().isBlank()) {
      return auth.asText();
    }
    return fromRequest(handshake.query(), handshake.headers());
  }

  /** The token of an HTTP request (query parameter, then bearer header), or {@code null}. */
  public static String fromRequest(MultiMap query, MultiMap headers) {
    String fromQuery = query.get("token");
    if (fromQuery != null && !fromQuery.isBlank()) {
      return fromQuery;
    }
    return bearer(headers.get("authorization"));
  }

  /** The token of an {@code Authorization: Bearer} header value, or {@code null}. */
  public static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String token = value.substring(7).trim();
      return token.isEmpty() ? null : token;
    }
    return null;
  }
}
