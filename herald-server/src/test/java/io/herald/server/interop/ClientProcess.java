package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A client script running as a child process whose stdout is parsed as {@link JsonLines}.
 *
 * <p>Every wait is bounded; {@link #close()} kills the process (and its children) if it is still running, so
 * use it in try-with-resources.
 */
final class ClientProcess implements AutoCloseable {

  /** How long a single observation may take to show up. */
  static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

  private final String description;
  private final Process process;
  private final JsonLines stdout = new JsonLines();
  private final StringBuffer stderr = new StringBuffer();
  private final Thread stdoutReader;
  private final Thread stderrReader;

  private ClientProcess(String description, Process process) {
    this.description = description;
    this.process = process;
    this.stdoutReader = pump(process.getInputStream(), stdout::add, stdout::end, description + " stdout");
    this.stderrReader = pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { },
        description + " stderr");
  }

  /** Starts {@code command} in {@code workDir} with extra environment variables. */
  static ClientProcess start(Path workDir, List<String> command, Map<String, String> environment) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.environment().putAll(environment);
    String description = String.join(" ", command);
    try {
      return new ClientProcess(description, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start `" + description + "` in " + workDir, e);
    }
  }

  private static Thread pump(InputStream in, Consumer<String> sink, Runnable atEnd, String name) {
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
    return thread;
  }

  /** The first observation named {@code event}; fails if it does not arrive within {@link #EVENT_TIMEOUT}. */
  JsonObject awaitEvent(String event) {
    return awaitEvents(event, 1).get(0);
  }

  /** The first {@code count} observations named {@code event}; fails if they do not all arrive in time. */
  List<JsonObject> awaitEvents(String event, int count) {
    List<JsonObject> found;
    try {
      found = stdout.awaitEvents(event, count, EVENT_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + event, e);
    }
    if (found.size() < count) {
      fail("expected %d \"%s\" observation(s) from the client but got %d%s%n%s", count, event, found.size(),
          stdout.ended() ? " before its output ended" : " within " + EVENT_TIMEOUT, transcript());
    }
    return found.subList(0, count);
  }

  /** The only observation named {@code event} seen so far (does not wait); fails unless there is exactly one. */
  JsonObject only(String event) {
    List<JsonObject> found = stdout.events(event);
    assertThat(found).as("\"%s\" observations from the client%n%s", event, transcript()).hasSize(1);
    return found.get(0);
  }

  /** The index of the first observation named {@code event} among all observations, or -1. */
  int indexOf(String event) {
    List<JsonObject> all = stdout.all();
    for (int i = 0; i < all.size(); i++) {
      if (event.equals(all.get(i).getString("event"))) {
        return i;
      }
    }
    return -1;
  }

  /** The observations named {@code event} seen so far (does not wait). */
  List<JsonObject> events(String event) {
    return stdout.events(event);
  }

  /** Waits for the process to exit and returns its exit code; kills it and fails when it does not exit in time. */
  int awaitExit() {
    try {
      if (!process.waitFor(EVENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        fail("client did not exit within %s%n%s", EVENT_TIMEOUT, transcript());
      }
      stdoutReader.join(Duration.ofSeconds(5));
      stderrReader.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for the client to exit", e);
    }
    return process.exitValue();
  }

  /** Asserts that the script ran to its end ("done"), exited with 0 and reported no error or timeout. */
  void assertFinishedCleanly() {
    int exitCode = awaitExit();
    assertThat(stdout.events("error")).as("errors reported by the client%n%s", transcript()).isEmpty();
    assertThat(stdout.events("timeout")).as("client watchdog%n%s", transcript()).isEmpty();
    assertThat(stdout.events("done")).as("client reached its end%n%s", transcript()).hasSize(1);
    assertThat(exitCode).as("client exit code%n%s", transcript()).isZero();
  }

  /** Everything the client printed, for failure messages. */
  String transcript() {
    return "--- " + description + " stdout ---\n" + stdout.transcript() + "\n--- stderr ---\n" + stderr;
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
