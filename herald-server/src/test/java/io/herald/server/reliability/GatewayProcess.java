package io.herald.server.reliability;

import io.herald.server.app.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway as its own JVM ({@code java -cp <test classpath> io.herald.server.app.Main}), the way
 * {@code bin/herald} runs it: started on a given port and data directory, stopped with SIGTERM.
 */
public final class GatewayProcess implements AutoCloseable {
  private static final Pattern LISTENING = Pattern.compile("Herald listening on http://[^:]+:(\\d+) ");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final List<String> output = new CopyOnWriteArrayList<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile int port = -1;

  private GatewayProcess(Process process) {
    this.process = process;
    Thread.ofPlatform().daemon().name("gateway-output-" + process.pid()).start(this::pump);
  }

  /**
   * Starts {@code Main --host 127.0.0.1 --port <port>} with {@code HERALD_DATA_DIR=<dataDir>} and {@code env}, and
   * waits for its start-up line.
   */
  public static GatewayProcess start(int port, Path dataDir, Map<String, String> env, List<String> jvmOptions)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "--host", "127.0.0.1", "--port", Integer.toString(port)));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("HERALD_JWT_SECRET");
    builder.environment().put("HERALD_DATA_DIR", dataDir.toString());
    builder.environment().putAll(env);
    GatewayProcess gateway = new GatewayProcess(builder.start());
    if (!gateway.started.await(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      gateway.close();
      throw new IllegalStateException("no start-up line within " + START_TIMEOUT + "; output: " + gateway.output);
    }
    if (gateway.port < 0) {
      throw new IllegalStateException("the gateway exited before listening; output: " + gateway.output);
    }
    return gateway;
  }

  /** A port nobody listens on right now (for a gateway that must come back on the same port). */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    }
  }

  private void pump() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        output.add(line);
        Matcher matcher = LISTENING.matcher(line);
        if (port < 0 && matcher.find()) {
          port = Integer.parseInt(matcher.group(1));
          started.countDown();
        }
      }
    } catch (IOException ignored) {
      // the process is gone
    } finally {
      started.countDown();
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  public long pid() {
    return process.pid();
  }

  /** Sends SIGTERM. */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** Waits for the process to exit; returns its exit code, or empty when it is still running after {@code timeout}. */
  public java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
        ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the gateway printed so far. */
  public List<String> output() {
    return List.copyOf(output);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
