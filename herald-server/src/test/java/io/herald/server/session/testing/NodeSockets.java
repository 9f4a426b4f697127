package io.herald.server.session.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Real Node.js {@code socket.io-client} 4.8.x sockets, driven from a test through
 * {@code src/test/node/identity/driver.js}: each socket has a name, its own connection, and no reconnection.
 * Every wait is bounded by {@link #TIMEOUT}; {@link #close()} kills the process.
 *
 * <p>(The interop package's {@code ClientProcess}/{@code JsonLines} do the same for one-shot scripts but are
 * package-private; this one keeps a process open to send it commands.)
 */
public final class NodeSockets implements AutoCloseable {
  public static final Duration TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final Writer stdin;
  private final Observations stdout = new Observations();
  private final StringBuffer stderr = new StringBuffer();
  private final AtomicInteger tags = new AtomicInteger();

  private NodeSockets(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(process.getInputStream(), stdout::add, stdout::end, "node stdout");
    pump(process.getErrorStream(), line -> stderr.append(line).append('\n'), () -> { }, "node stderr");
  }

  /** Starts the driver for a server at {@code url} ({@code http://127.0.0.1:port}). */
  public static NodeSockets start(String url) {
    Path dir = nodeDir();
    assertThat(dir.resolve("node_modules/socket.io-client"))
        .as("Node client dependencies are missing: run `npm ci` in %s (Maven does it in generate-test-resources)", dir)
        .isDirectory();
    ProcessBuilder builder = new ProcessBuilder("node", "identity/driver.js", url).directory(dir.toFile());
    builder.environment().put("NO_COLOR", "1");
    NodeSockets sockets;
    try {
      sockets = new NodeSockets(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("could not start node in " + dir, e);
    }
    sockets.await("driver ready", o -> "ready".equals(o.getString("event")));
    return sockets;
  }

  /** Opens socket {@code name} on {@code namespace}. */
  public void connect(String name, String namespace, Connect how) {
    send(how.command(name, namespace));
  }

  /** Waits until {@code name} is connected; returns its socket id. */
  public String awaitConnect(String name) {
    return await(name + " connected", of(name, "connect")).getString("socketId");
  }

  /** Waits for {@code name}'s {@code connect_error}: {@code {message, data}}. */
  public JsonObject awaitConnectError(String name) {
    return await(name + " refused", of(name, "connect_error"));
  }

  /** Waits until {@code name} is disconnected; returns the client's reason. */
  public String awaitDisconnect(String name) {
    return await(name + " disconnected", of(name, "disconnect")).getString("reason");
  }

  /** Whether {@code name} has been disconnected so far (does not wait). */
  public boolean disconnected(String name) {
    return !stdout.matching(of(name, "disconnect")).isEmpty();
  }

  /** Waits for the first event {@code type} the server sent to {@code name}; returns its arguments. */
  public JsonArray awaitEvent(String name, String type) {
    return awaitEvent(name, type, 1);
  }

  /** Waits until {@code name} received {@code type} {@code count} times; returns the arguments of the last one. */
  public JsonArray awaitEvent(String name, String type, int count) {
    return await(name + " received " + count + " × " + type, server(name, type), count).getJsonArray("args");
  }

  /** The arguments of every event {@code type} the server has sent to {@code name} so far (does not wait). */
  public List<JsonArray> events(String name, String type) {
    return stdout.matching(server(name, type)).stream().map(o -> o.getJsonArray("args")).toList();
  }

  /** Where the first event {@code type} to {@code name} is among everything the driver printed, or -1. */
  public int indexOfEvent(String name, String type) {
    return stdout.indexOf(server(name, type));
  }

  /** Sends an event without asking for an acknowledgement. */
  public void emit(String name, String type, Object... args) {
    send(emitCommand(name, type, args).put("ack", false));
  }

  /** Sends an event with an acknowledgement callback and waits for its arguments. */
  public JsonArray emitWithAck(String name, String type, Object... args) {
    String tag = "t" + tags.incrementAndGet();
    send(emitCommand(name, type, args).put("ack", true).put("tag", tag));
    JsonObject ack = await(name + " ack of " + type, o -> "ack".equals(o.getString("event")) && tag.equals(o.getString("tag")));
    if (ack.containsKey("error")) {
      fail("no acknowledgement of %s from the server: %s%n%s", type, ack.getString("error"), transcript());
    }
    return ack.getJsonArray("args");
  }

  /** Closes socket {@code name} from the client side. */
  public void disconnect(String name) {
    send(new JsonObject().put("cmd", "disconnect").put("name", name));
  }

  /** Everything the driver printed, for failure messages. */
  public String transcript() {
    return "--- node identity/driver.js stdout ---\n" + stdout.transcript() + "\n--- stderr ---\n" + stderr;
  }

  private static JsonObject emitCommand(String name, String type, Object... args) {
    return new JsonObject().put("cmd", "emit").put("name", name).put("type", type)
        .put("args", new JsonArray(Arrays.asList(args)));
  }

  private static Predicate<JsonObject> of(String name, String event) {
    return o -> event.equals(o.getString("event")) && name.equals(o.getString("name"));
  }

  private static Predicate<JsonObject> server(String name, String type) {
    return o -> "server".equals(o.getString("event")) && name.equals(o.getString("name"))
        && type.equals(o.getString("type"));
  }

  private JsonObject await(String what, Predicate<JsonObject> predicate) {
    return await(what, predicate, 1);
  }

  /** The {@code count}-th observation that matches. */
  private JsonObject await(String what, Predicate<JsonObject> predicate, int count) {
    try {
      List<JsonObject> found = stdout.await(predicate, count, TIMEOUT);
      if (found.size() < count) {
        fail("expected: %s within %s%n%s", what, TIMEOUT, transcript());
      }
      return found.get(count - 1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    }
  }

  private synchronized void send(JsonObject command) {
    try {
      stdin.write(command.encode() + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the Node driver is gone\n" + transcript(), e);
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

  private static Path nodeDir() {
    Path base = Path.of(Objects.requireNonNullElse(System.getProperty("basedir"), "")).toAbsolutePath();
    for (Path candidate : List.of(base, base.resolve("herald-server"))) {
      if (Files.isDirectory(candidate.resolve("src/test/node/identity"))) {
        return candidate.resolve("src/test/node");
      }
    }
    return base.resolve("src/test/node");
  }

  @Override
  public void close() {
    try {
      send(new JsonObject().put("cmd", "exit"));
      process.waitFor(2, TimeUnit.SECONDS);
    } catch (RuntimeException | InterruptedException ignored) {
      // killed below
    }
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
