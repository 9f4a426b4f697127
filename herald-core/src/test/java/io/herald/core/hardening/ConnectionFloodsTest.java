package io.herald.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.herald.core.engineio.EngineOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Floods of requests from one address are refused cheaply while a control client keeps being served. */
class ConnectionFloodsTest {
  private HardeningServer server;
  private ControlClient control;
  private LogCapture logs;

  @BeforeEach
  void setUp() throws Exception {
    logs = LogCapture.of(Level.DEBUG, LogCapture.ENGINE_SERVER);
    server = HardeningServer.start(b -> b.engine(EngineOptions.builder()
        .maxConnectionsPerIp(5).handshakesPerIpPerSecond(5).build()), io -> { });
    control = ControlClient.start(server.url());
    assertThat(control.awaitMore(3, 5_000)).isTrue();
  }

  @AfterEach
  void tearDown() throws Exception {
    control.close();
    server.close();
    logs.close();
  }

  @Test
  void hundredsOfPollingRequestsWithUnknownSidsAreAnswered400() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      URI uri = URI.create(server.url() + "/socket.io/?EIO=4&transport=polling&sid=" + UUID.randomUUID());
      responses.add(http.sendAsync(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()));
      if (i % 50 == 49) {
        CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();
      }
    }
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.join().statusCode()).isEqualTo(400);
      assertThat(response.join().body()).isEqualTo("{\"code\":1,\"message\":\"Session ID unknown\"}");
    }
    assertThat(logs.messages()).filteredOn(m -> m.contains("unknown sid")).hasSize(500);
    assertThat(server.io.clientsCount()).isEqualTo(1);
    assertControlStillServed();
  }

  @Test
  void connectionsPastMaxConnectionsPerIpAreRefusedWith429() throws Exception {
    List<RawWs> open = new ArrayList<>();
    try {
      for (int i = 0; i < 5; i++) {
        open.add(RawWs.connect("127.0.0.2", server.port(), "", 0));
        Thread.sleep(250); // under handshakesPerIpPerSecond
      }
      Thread.sleep(1_000);
      assertThatThrownBy(() -> RawWs.connect("127.0.0.2", server.port(), "", 0))
          .isInstanceOf(IOException.class).hasMessageContaining("HTTP/1.1 429");
      String refused = RawHttp.get("127.0.0.2", server.port(), "/socket.io/?EIO=4&transport=polling");
      assertThat(refused).startsWith("HTTP/1.1 429").containsIgnoringCase("retry-after: 1")
          .endsWith("{\"code\":4,\"message\":\"Too many connections from this address\"}");
      assertThat(logs.contains("refused a handshake from 127.0.0.2: over maxConnectionsPerIp")).isTrue();
      assertThat(server.counts.get("refused:maxConnectionsPerIp")).isEqualTo(2);
    } finally {
      for (RawWs ws : open) {
        ws.close();
      }
    }
    // slots are given back when sessions end
    await().atMost(Duration.ofSeconds(5)).until(() -> server.io.clientsCount() == 1);
    Thread.sleep(1_000);
    RawWs.connect("127.0.0.2", server.port(), "", 0).close();
    assertControlStillServed();
  }

  @Test
  void handshakesPastHandshakesPerIpPerSecondAreRefusedWith429() throws Exception {
    int refused = 0;
    for (int i = 0; i < 12; i++) {
      String response = RawHttp.get("127.0.0.3", server.port(), "/socket.io/?EIO=4&transport=polling");
      if (response.startsWith("HTTP/1.1 429")) {
        assertThat(response).endsWith("{\"code\":4,\"message\":\"Too many handshakes from this address\"}");
        refused++;
      }
    }
    assertThat(refused).isGreaterThanOrEqualTo(5);
    assertThat(logs.contains("refused a handshake from 127.0.0.3: over handshakesPerIpPerSecond")).isTrue();
    assertThat(server.counts.get("refused:handshakesPerIpPerSecond")).isEqualTo(refused);
    assertControlStillServed();
  }

  private void assertControlStillServed() throws InterruptedException {
    assertThat(control.awaitMore(5, 5_000)).as("the control client kept getting answers").isTrue();
    assertThat(control.connected()).isTrue();
  }
}
