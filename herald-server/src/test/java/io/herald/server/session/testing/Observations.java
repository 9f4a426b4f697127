package io.herald.server.session.testing;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The JSON lines a client process printed, appended by a reader thread while the test thread waits on them. */
final class Observations {
  private final List<JsonObject> observations = new ArrayList<>();
  private final List<String> transcript = new ArrayList<>();
  private boolean ended;

  synchronized void add(String line) {
    transcript.add(line);
    String trimmed = line.strip();
    if (trimmed.startsWith("{")) {
      try {
        observations.add(new JsonObject(trimmed));
      } catch (DecodeException notJson) {
        // kept in the transcript only
      }
    }
    notifyAll();
  }

  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** The position of the first observation that matches among all of them, or -1. */
  synchronized int indexOf(Predicate<JsonObject> predicate) {
    for (int i = 0; i < observations.size(); i++) {
      if (predicate.test(observations.get(i))) {
        return i;
      }
    }
    return -1;
  }

  synchronized List<JsonObject> matching(Predicate<JsonObject> predicate) {
    return observations.stream().filter(predicate).toList();
  }

  /**
   * The observations that match once there are {@code count} of them, waiting up to {@code timeout}; fewer if
   * they did not all come in time (or the output ended).
   */
  synchronized List<JsonObject> await(Predicate<JsonObject> predicate, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JsonObject> found = matching(predicate);
      long remaining = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (found.size() >= count || ended || remaining <= 0) {
        return found;
      }
      wait(remaining);
    }
  }

  synchronized String transcript() {
    return String.join("\n", transcript);
  }
}
