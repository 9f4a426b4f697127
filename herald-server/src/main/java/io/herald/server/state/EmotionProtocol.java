package io.herald.server.state;

import io.herald.server.auth.Identity;
import io.herald.server.auth.SocketAuth;
import io.herald.server.storage.Blocking;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client may send over {@code /api/ws} ({@link WsCommand}) and the answers: {@code ping} → {@code pong}; {@code emotion_update}
 * → stored and pushed to all the user's connections; {@code authenticate} with a fresh token → the connection
 * outlives the old token. Bad input is answered with {@code {"type":"error","message":...}} and the connection
 * stays open. Runs on the connection's event loop; storage runs on virtual threads.
 */
final class EmotionProtocol {
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
    switch (WsCommand.of(text)) {
      case WsCommand.Ping ping -> connection.send(WsMessages.pong(clock.instant()));
      case WsCommand.UpdateEmotion update -> updateEmotion(connection, update.emotion());
      case WsCommand.Authenticate authenticate -> authenticate(connection, authenticate.token());
      case WsCommand.Refuse refuse -> connection.send(refuse.answer());
    }
  }

  void onBinary(EmotionConnection connection) {
    if (connection.admit()) {
      connection.send(WsMessages.error("Binary messages are not supported (expected JSON text messages)"));
    }
  }

  private void updateEmotion(EmotionConnection connection, String emotion) {
    String userId = connection.userId();
    connection.inOrder(() -> blocking.run(() -> updates.apply(userId, emotion))).onFailure(e -> {
      log.warn("storing the emotion of user {} failed", userId, e);
      connection.send(WsMessages.error("Could not store the emotion; try again"));
    });
  }

  private void authenticate(EmotionConnection connection, String token) {
    auth.verify(connection.address(), token).onComplete(done -> {
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
