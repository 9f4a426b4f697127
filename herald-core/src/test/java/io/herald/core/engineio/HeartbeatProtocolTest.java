package io.herald.core.engineio;

import static io.herald.core.engineio.RawEngineClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.engineio.EngineConnection.CloseReason;
import io.vertx.core.http.WebSocketClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The v4 heartbeat: the server pings every pingInterval and closes a client that does not pong in time. */
class HeartbeatProtocolTest {
  private static final long INTERVAL = 300;
  private static final long TIMEOUT = 200;
  private static final long MARGIN = 400;

  private RawEngineServer server;
  private RawEngineClient client;
  private WebSocketClient wsClient;

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private void start() throws Exception {
    server = RawEngineServer.start(EngineOptions.builder()
        .pingInterval(Duration.ofMillis(INTERVAL)).pingTimeout(Duration.ofMillis(TIMEOUT)).build());
    client = new RawEngineClient(server.port);
    wsClient = server.vertx.createWebSocketClient();
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  @Test
  void pollingClientThatNeverAnswersIsClosedWithPingTimeout() throws Exception {
    start();
    long opened = System.nanoTime();
    String sid = client.handshake().sid();

    HttpResponse<byte[]> ping = client.poll(sid);
    long pingAt = millisSince(opened);
    CompletableFuture<HttpResponse<byte[]>> next = client.pollAsync(sid);
    CloseReason reason = server.awaitClose(sid);
    long closedAt = millisSince(opened);

    assertThat(text(ping)).isEqualTo("2");
    assertThat(pingAt).isBetween(INTERVAL - 100, INTERVAL + MARGIN);
    assertThat(reason.reason()).isEqualTo(CloseReason.PING_TIMEOUT);
    assertThat(closedAt).isBetween(INTERVAL + TIMEOUT - 100, INTERVAL + TIMEOUT + MARGIN);
    assertThat(text(RawEngineClient.await(next))).isEqualTo("1");
  }

  @Test
  void pollingClientThatAnswersStaysOpenOverSeveralIntervals() throws Exception {
    start();
    long opened = System.nanoTime();
    String sid = client.handshake().sid();

    for (int i = 0; i < 4; i++) {
      HttpResponse<byte[]> ping = client.poll(sid);
      assertThat(text(ping)).as("poll %d", i).isEqualTo("2");
      assertThat(text(client.postPackets(sid, "3"))).isEqualTo("ok");
    }

    assertThat(millisSince(opened)).isGreaterThanOrEqualTo(4 * INTERVAL - 100);
    assertThat(server.isClosed(sid)).isFalse();
    assertThat(server.connection(sid).isOpen()).isTrue();
  }

  @Test
  void websocketServerSendsPingEveryPingInterval() throws Exception {
    start();
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    assertThat(ws.nextText()).startsWith("0");
    long last = System.nanoTime();

    for (int i = 0; i < 5; i++) {
      assertThat(ws.nextText(Duration.ofMillis(INTERVAL + MARGIN))).as("ping %d", i).isEqualTo("2");
      long gap = millisSince(last);
      assertThat(gap).as("gap before ping %d", i).isBetween(INTERVAL - 100, INTERVAL + MARGIN);
      ws.sendText("3");
      last = System.nanoTime();
    }

    assertThat(ws.isClosed()).isFalse();
    ws.close();
  }

  @Test
  void websocketClientThatAnswersStaysOpenOverSeveralIntervals() throws Exception {
    start();
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = RawEngineClient.JSON.readTree(ws.nextText().substring(1)).get("sid").asText();
    long opened = System.nanoTime();

    int pings = 0;
    while (millisSince(opened) < 3 * (INTERVAL + TIMEOUT)) {
      String packet = ws.nextText(Duration.ofMillis(INTERVAL + MARGIN));
      assertThat(packet).isEqualTo("2");
      pings++;
      ws.sendText("3");
    }
    ws.sendText("4still here");
    String echo = ws.nextText();

    assertThat(pings).isGreaterThanOrEqualTo(4);
    assertThat(echo).isEqualTo("4still here");
    assertThat(ws.isClosed()).isFalse();
    assertThat(server.isClosed(sid)).isFalse();
    ws.close();
  }

  @Test
  void websocketClientThatNeverAnswersIsClosedWithPingTimeout() throws Exception {
    start();
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    long opened = System.nanoTime();
    String sid = RawEngineClient.JSON.readTree(ws.nextText().substring(1)).get("sid").asText();

    assertThat(ws.nextText()).isEqualTo("2");
    CloseReason reason = server.awaitClose(sid);
    long closedAt = millisSince(opened);
    ws.awaitClosed();

    assertThat(reason.reason()).isEqualTo(CloseReason.PING_TIMEOUT);
    assertThat(closedAt).isBetween(INTERVAL + TIMEOUT - 100, INTERVAL + TIMEOUT + MARGIN);
  }

  @Test
  void messagesFromTheClientDoNotReplaceThePong() throws Exception {
    start();
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = RawEngineClient.JSON.readTree(ws.nextText().substring(1)).get("sid").asText();

    assertThat(ws.nextText()).isEqualTo("2");
    ws.sendText("4busy");

    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PING_TIMEOUT);
  }

  @Test
  void gracefulCloseOfAPollingSessionThatNeverPollsAgainEndsWithTheServersReason() throws Exception {
    start();
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);

    server.onContext(connection, c -> {
      c.send(EnginePacket.message("bye"));
      c.close("server shutdown");
    });

    // The session waits at most pingInterval + pingTimeout for the client's next GET, then ends with the
    // reason the server gave: the heartbeat must not fire while the session is already closing.
    EngineConnection.CloseReason reason = server.awaitClose(sid, Duration.ofMillis(INTERVAL + TIMEOUT + 2 * MARGIN));
    assertThat(reason.reason()).isEqualTo("server shutdown");
  }
}
