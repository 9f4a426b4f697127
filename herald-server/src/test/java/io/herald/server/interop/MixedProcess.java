package io.herald.server.interop;

import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A script of {@code src/test/node/cluster} running as a child process: JSON lines out ({@link JsonLines}),
 * JSON lines in (its stdin stays open until {@link #close()}, which is how the cluster scripts know the test
 * ended). Every wait is bounded by {@link #TIMEOUT}.
 */
final class MixedProcess implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final String description;
  private final Process process;
  private final JsonLines stdout = new JsonLines();
  private final StringBuffer stderr = new StringBuffer();
  private final OutputStream stdin;

  private MixedProcess(String description, Process process) {
    this.description = description;
    this.process = process;
    this.stdin = process.getOutputStream();
    pump(process.getInputStream(), stdout::add, stdout::end, description + " stdout");
    pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { }, description + " stderr");
  }

  /** {@code node <script> <args...>} in {@code src/test/node}. */
  static MixedProcess node(String script, String... args) {
    Path dir = InteropPaths.nodeDir();
    if (!dir.resolve("node_modules/@socket.io/redis-adapter").toFile().isDirectory()) {
      fail("Node cluster dependencies are missing: run `npm ci` in %s (Maven does it in generate-test-resources)",
          dir);
    }
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("NO_COLOR", "1");
    String description = String.join(" ", command);
    try {
      return new MixedProcess(description, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start `" + description + "` in " + dir, e);
    }
  }

  private static void pump(InputStream in, Consumer<String> sink, Runnable atEnd, String name) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          sink.accept(line);
        }
      } catch (IOException ignored) {
        // the process was killed
      } finally {
        atEnd.run();
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Writes one JSON line to the script's stdin. */
  void send(JsonObject line) {
    try {
      synchronized (stdin) {
        stdin.write((line.encode() + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
      }
    } catch (IOException e) {
      throw new AssertionError("could not write to " + description + "\n" + transcript(), e);
    }
  }

  /** The first observation named {@code event}. */
  JsonObject awaitEvent(String event) {
    return awaitEvents(event, 1).get(0);
  }

  /** The first {@code count} observations named {@code event}; fails if they do not all arrive in time. */
  List<JsonObject> awaitEvents(String event, int count) {
    List<JsonObject> found;
    try {
      found = stdout.awaitEvents(event, count, TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + event, e);
    }
    if (found.size() < count) {
      fail("expected %d \"%s\" observation(s) but got %d%s%n%s", count, event, found.size(),
          stdout.ended() ? " before the output ended" : " within " + TIMEOUT, transcript());
    }
    return found.subList(0, count);
  }

  /** The first observation named {@code event} that matches {@code condition}. */
  JsonObject awaitEvent(String event, Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    int seen = 0;
    while (true) {
      List<JsonObject> found;
      try {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        found = stdout.awaitEvents(event, seen + 1, left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + event, e);
      }
      for (int i = seen; i < found.size(); i++) {
        if (condition.test(found.get(i))) {
          return found.get(i);
        }
      }
      seen = found.size();
      if (System.nanoTime() >= deadline || stdout.ended()) {
        fail("no matching \"%s\" observation%s%n%s", event,
            stdout.ended() ? " before the output ended" : " within " + TIMEOUT, transcript());
      }
    }
  }

  /** The observations named {@code event} seen so far (does not wait). */
  List<JsonObject> events(String event) {
    return stdout.events(event);
  }

  boolean alive() {
    return process.isAlive();
  }

  /** Everything the script printed, for failure messages. */
  String transcript() {
    return "--- " + description + " stdout ---\n" + stdout.transcript() + "\n--- stderr ---\n" + stderr;
  }

  /** Closes stdin (the script ends by itself), then kills what is left after a moment. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException ignored) {
      // already gone
    }
    try {
      process.waitFor(3, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
