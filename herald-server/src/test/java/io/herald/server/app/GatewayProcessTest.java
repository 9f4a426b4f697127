package io.herald.server.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the gateway as its own process, the way {@code bin/herald} does, and stops it with SIGTERM. */
class GatewayProcessTest {
  private static final Pattern LISTENING = Pattern.compile("Herald listening on http://127\\.0\\.0\\.1:(\\d+) ");

  private Process process;
  private Socket client;

  @AfterEach
  void tearDown() {
    if (client != null) {
      client.close();
    }
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
    }
  }

  @Test
  void printsOneStartUpLineServesHealthAndOnSigtermTellsSocketsThenExitsZero(@TempDir Path dataDir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "--host", "127.0.0.1", "--port", "0")
        .redirectErrorStream(true);
    builder.environment().put("HERALD_DATA_DIR", dataDir.toString());
    builder.environment().remove("HERALD_JWT_SECRET");
    process = builder.start();
    BlockingQueue<String> output = new LinkedBlockingQueue<>();
    List<String> everything = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread.ofVirtual().start(() -> {
      try (BufferedReader reader = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        reader.lines().forEach(line -> {
          everything.add(line);
          output.add(line);
        });
      } catch (java.io.IOException e) {
        output.add("read failed: " + e);
      }
    });
    int port = awaitPort(output);

    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    JSONObject body = new JSONObject(health.body());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(body.getString("status")).isEqualTo("ok");
    assertThat(body.getJSONObject("details").getJSONObject("websocket").getInt("connectedClients")).isZero();

    IO.Options options = IO.Options.builder().setTransports(new String[] {"polling"}).setReconnection(false).build();
    client = IO.socket(URI.create("http://127.0.0.1:" + port), options);
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CompletableFuture<JSONObject> maintenance = new CompletableFuture<>();
    CompletableFuture<String> disconnected = new CompletableFuture<>();
    client.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
    client.on("system.maintenance", args -> maintenance.complete((JSONObject) args[0]));
    client.on(Socket.EVENT_DISCONNECT, args -> disconnected.complete(String.valueOf(args[0])));
    client.connect();
    connected.get(10, TimeUnit.SECONDS);

    process.toHandle().destroy(); // SIGTERM

    JSONObject notice = maintenance.get(10, TimeUnit.SECONDS);
    assertThat(notice.getString("message")).contains("maintenance");
    assertThat(notice.getString("timestamp")).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    assertThat(disconnected.get(10, TimeUnit.SECONDS)).isEqualTo("transport close");
    assertThat(process.waitFor(15, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isZero();
    assertThat(dataDir.resolve("jwt-secret")).exists();
    String secret = Files.readString(dataDir.resolve("jwt-secret")).trim();
    assertThat(String.join("\n", everything)).contains("jwt-secret").doesNotContain(secret);
  }

  private static int awaitPort(BlockingQueue<String> output) throws InterruptedException {
    List<String> seen = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      String line = output.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        continue;
      }
      seen.add(line);
      Matcher matcher = LISTENING.matcher(line);
      if (matcher.find()) {
        return Integer.parseInt(matcher.group(1));
      }
    }
    throw new AssertionError("no start-up line within 30 s; output was: " + seen);
  }
}
