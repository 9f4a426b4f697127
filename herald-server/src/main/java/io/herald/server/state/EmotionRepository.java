package io.herald.server.state;

import java.time.Instant;
import java.util.Optional;

/** Each user's current emotion (seed 004). Every method blocks: call it off the event loop. */
public interface EmotionRepository {
  /** The user's current emotion and when it was set. */
  record Emotion(String userId, String emotion, Instant updatedAt) {}

  /** Stores the user's current emotion, replacing the previous one. */
  void save(Emotion emotion);

  Optional<Emotion> find(String userId);
}
