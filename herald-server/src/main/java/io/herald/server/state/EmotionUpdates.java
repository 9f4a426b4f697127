package io.herald.server.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.server.Namespace;
import io.herald.server.state.EmotionRepository.Emotion;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sets a user's emotion: stores it, then pushes {@code emotion_update} to every {@code /api/ws} connection of the
 * user on this node and emits it to the Socket.IO room {@code user:{id}} on {@code /}. Updates of one user are
 * applied one at a time, so the stored emotion is the last one pushed. Blocking: call it on a virtual thread.
 */
final class EmotionUpdates {
  static final String EVENT = "emotion_update";

  private static final int STRIPES = 64;

  private final EmotionRepository emotions;
  private final EmotionConnections connections;
  private final Namespace root;
  private final Clock clock;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  EmotionUpdates(EmotionRepository emotions, EmotionConnections connections, Namespace root, Clock clock) {
    this.emotions = emotions;
    this.connections = connections;
    this.root = root;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Stores and pushes the user's new emotion (already validated); returns what was stored. */
  Emotion apply(String userId, String emotion) {
    ReentrantLock lock = locks[Math.floorMod(userId.hashCode(), STRIPES)];
    lock.lock();
    try {
      Emotion current = new Emotion(userId, emotion, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      emotions.save(current);
      ObjectNode update = WsMessages.emotionUpdate(current);
      connections.push(userId, update);
      root.to("user:" + userId).emit(EVENT, update);
      return current;
    } finally {
      lock.unlock();
    }
  }
}
