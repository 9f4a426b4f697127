package io.herald.server.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.server.auth.Identity;
import io.herald.server.auth.SocketAuth;
import io.herald.server.storage.Blocking;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client may send over {@code /api/ws} and the answers: {@code ping} → {@code pong}; {@code emotion_update}
 * → stored and pushed to all the user's connections; {@code authenticate} with a fresh token → the connection
 * outlives the old token. Bad input is answered with {@code {"type":"error","message":...}} and the connection
 * stays open. Runs on the connection's event loop; storage runs on virtual threads.
 */
final class EmotionProtocol {
  /** The longest text message read, in characters. */
  static final int MAX_MESSAGE_CHARS = 4096;

  private static final Logger log = LoggerFactory.getLogger(EmotionProtocol.class);

  private final Clock clock;
  private final Blocking blocking;
  private final WsAuth auth;
  private final EmotionUpdates updates;

  EmotionProtocol(Clock clock, Blocking blocking, WsAuth auth, EmotionUpdates updates) {
    this.clock = clock;
    this.blocking = blocking;
    this.auth = auth;
    this.updates = updates;
  }

  void onText(EmotionConnection connection, String text) {
    if (!connection.admit()) {
      return;
    }
    if (text.length() > MAX_MESSAGE_CHARS) {
      connection.send(WsMessages.error(
          "Message too large: " + text.length() + " characters (expected at most " + MAX_MESSAGE_CHARS + ")"));
      return;
    }
    ObjectNode message = WsMessages.parse(text);
    JsonNode type = message == null ? null : message.get("type");
    if (type == null || !type.isTextual()) {
      connection.send(WsMessages.error("Invalid message format"));
      return;
    }
    switch (type.asText()) {
      case WsMessages.PING -> connection.send(WsMessages.pong(clock.instant()));
      case WsMessages.EMOTION_UPDATE -> updateEmotion(connection, message.get("emotion"));
      case WsMessages.AUTHENTICATE -> authenticate(connection, message.get("token"));
      default -> connection.send(WsMessages.error("Unknown message type: " + WsMessages.echo(type)));
    }
  }

  void onBinary(EmotionConnection connection) {
    if (connection.admit()) {
      connection.send(WsMessages.error("Binary messages are not supported (expected JSON text messages)"));
    }
  }

  private void updateEmotion(EmotionConnection connection, JsonNode value) {
    Optional<String> emotion = Emotions.normalize(value != null && value.isTextual() ? value.asText() : null);
    if (emotion.isEmpty()) {
      connection.send(WsMessages.error(
          "Invalid emotion: " + WsMessages.echo(value) + " (expected one of " + Emotions.expected() + ")"));
      return;
    }
    String userId = connection.userId();
    connection.inOrder(() -> blocking.run(() -> updates.apply(userId, emotion.get()))).onFailure(e -> {
      log.warn("storing the emotion of user {} failed", userId, e);
      connection.send(WsMessages.error("Could not store the emotion; try again"));
    });
  }

  private void authenticate(EmotionConnection connection, JsonNode token) {
    String value = token != null && token.isTextual() ? token.asText() : null;
    auth.verify(connection.address(), value).onComplete(done -> {
      if (done.failed()) {
        String code = done.cause() instanceof WsAuth.Refusal refusal ? refusal.code() : SocketAuth.UNAVAILABLE;
        connection.send(WsMessages.error("Authentication failed: " + done.cause().getMessage(), code));
        return;
      }
      Identity identity = done.result();
      if (!identity.userId().equals(connection.userId())) {
        connection.send(WsMessages.error(
            "Authentication failed: the token belongs to another user (expected: user " + connection.userId() + ")",
            "TOKEN_INVALID"));
        return;
      }
      connection.renew(identity);
      connection.send(WsMessages.authenticated(identity.userId(), identity.expiresAt()));
    });
  }
}
