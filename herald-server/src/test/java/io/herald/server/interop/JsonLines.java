package io.herald.server.interop;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The observations a client script printed, one JSON object per line, each with an {@code "event"} field.
 *
 * <p>Lines are appended by a reader thread while the test thread waits for them; lines that are not JSON
 * objects are kept verbatim so that they show up in failure messages.
 */
final class JsonLines {

  private final List<JsonObject> observations = new ArrayList<>();
  private final List<String> transcript = new ArrayList<>();
  private boolean ended;

  /** Records one line of output. */
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

  /** Marks the end of the output: no further line will arrive. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  synchronized boolean ended() {
    return ended;
  }

  /** Every observation so far, in order. */
  synchronized List<JsonObject> all() {
    return List.copyOf(observations);
  }

  /** The observations whose {@code "event"} is {@code event}, in order. */
  synchronized List<JsonObject> events(String event) {
    return observations.stream().filter(o -> event.equals(o.getString("event"))).toList();
  }

  /**
   * Waits until at least {@code count} observations named {@code event} arrived, the output ended, or the
   * timeout elapsed; returns the matching observations seen by then (possibly fewer than {@code count}).
   */
  synchronized List<JsonObject> awaitEvents(String event, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<JsonObject> found = events(event);
    while (found.size() < count && !ended) {
      long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
      if (remainingMillis <= 0) {
        break;
      }
      wait(remainingMillis);
      found = events(event);
    }
    return found;
  }

  /** The raw output lines, for failure messages. */
  synchronized String transcript() {
    return String.join("\n", transcript);
  }
}
