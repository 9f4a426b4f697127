package io.herald.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.testing.IdentityGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The order of a graceful shutdown, seen by a raw Engine.IO long-polling client that holds a session but has no GET
 * pending: new connections are refused first, the session still gets {@code system.maintenance} and then the close
 * packet on its next GETs, and the drain ends as soon as it is gone.
 */
class ShutdownDrainTest {
  private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
  private static final char SEPARATOR = '\u001e';

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void refusesNewHandshakesWhileDrainingButLetsLiveSessionsFinish() throws Exception {
    IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_SHUTDOWN_DEADLINE", "20"));
    String engine = gateway.url() + "/socket.io/?EIO=4&transport=polling";
    String sid = handshake(engine);
    assertThat(post(engine + "&sid=" + sid, "40").statusCode()).isEqualTo(200);
    assertThat(get(engine + "&sid=" + sid).body()).startsWith("40{");

    long closing = System.nanoTime();
    CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
      try {
        gateway.close();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      HttpResponse<String> refused = get(engine);
      assertThat(refused.statusCode()).isEqualTo(503);
      assertThat(refused.body()).contains("shutting_down");
    });
    assertThat(get(gateway.url() + "/health").statusCode()).isEqualTo(503);
    assertThat(closed).isNotDone();

    List<String> packets = List.of(get(engine + "&sid=" + sid).body().split(String.valueOf(SEPARATOR)));
    assertThat(packets).anyMatch(packet -> packet.startsWith("42[\"system.maintenance\""));
    assertThat(get(engine + "&sid=" + sid).body()).as("the close packet, in a response of its own").isEqualTo("1");
    closed.get(10, TimeUnit.SECONDS);
    assertThat(Duration.ofNanos(System.nanoTime() - closing)).isLessThan(Duration.ofSeconds(15));
  }

  @Test
  @Timeout(value = 90, unit = TimeUnit.SECONDS)
  void aSecondSigtermDoesNotCutTheDrainShort(@TempDir Path dataDir) throws Exception {
    try (GatewayProcess gateway = GatewayProcess.start(0, dataDir, Map.of("HERALD_SHUTDOWN_DEADLINE", "30"),
        List.of("-Xmx256m"))) {
      String engine = gateway.url() + "/socket.io/?EIO=4&transport=polling";
      String sid = handshake(engine);
      assertThat(post(engine + "&sid=" + sid, "40").statusCode()).isEqualTo(200);
      assertThat(get(engine + "&sid=" + sid).body()).startsWith("40{");

      gateway.terminate();
      await().atMost(Duration.ofSeconds(10)).until(() -> get(engine).statusCode() == 503);
      gateway.terminate();
      assertThat(gateway.awaitExit(Duration.ofSeconds(2))).as("exited on the second SIGTERM").isEmpty();

      assertThat(get(engine + "&sid=" + sid).body()).contains("system.maintenance");
      assertThat(get(engine + "&sid=" + sid).body()).isEqualTo("1");
      assertThat(gateway.awaitExit(Duration.ofSeconds(15))).hasValue(0);
      assertThat(gateway.output()).anyMatch(line -> line.contains("received again"));
    }
  }

  private String handshake(String engine) throws Exception {
    HttpResponse<String> open = get(engine);
    assertThat(open.statusCode()).isEqualTo(200);
    Matcher matcher = SID.matcher(open.body());
    assertThat(matcher.find()).as("handshake %s", open.body()).isTrue();
    return matcher.group(1);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("content-type", "text/plain;charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
