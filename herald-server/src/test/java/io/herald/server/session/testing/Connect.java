package io.herald.server.session.testing;

import io.vertx.core.json.JsonObject;

/**
 * How a Node socket connects: the handshake {@code auth}, query parameters and extra headers it sends (any may be
 * {@code null}) and its transport ({@code websocket} or {@code polling}).
 */
public record Connect(JsonObject auth, JsonObject query, JsonObject headers, String transport) {
  public static Connect anonymous() {
    return new Connect(null, null, null, "websocket");
  }

  public static Connect auth(JsonObject auth) {
    return new Connect(auth, null, null, "websocket");
  }

  /** The token as {@code auth.token}. */
  public static Connect authToken(String token) {
    return auth(new JsonObject().put("token", token));
  }

  /** The token as the {@code token} query parameter. */
  public static Connect queryToken(String token) {
    return new Connect(null, new JsonObject().put("token", token), null, "websocket");
  }

  /** The token as an {@code Authorization: Bearer} header (Node can set headers; browsers cannot). */
  public static Connect bearer(String token) {
    return new Connect(null, null, new JsonObject().put("Authorization", "Bearer " + token), "websocket");
  }

  public Connect transport(String value) {
    return new Connect(auth, query, headers, value);
  }

  JsonObject command(String name, String namespace) {
    JsonObject command = new JsonObject().put("cmd", "connect").put("name", name).put("nsp", namespace)
        .put("transport", transport);
    if (auth != null) {
      command.put("auth", auth);
    }
    if (query != null) {
      command.put("query", query);
    }
    if (headers != null) {
      command.put("headers", headers);
    }
    return command;
  }
}
