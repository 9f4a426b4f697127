package io.herald.core.engineio;

import static io.herald.core.engineio.RawEngineClient.error;
import static io.herald.core.engineio.RawEngineClient.packets;
import static io.herald.core.engineio.RawEngineClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.engineio.EngineConnection.CloseReason;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The upgrade from long-polling to WebSocket: probe, noop to the pending poll, upgrade, and what can go wrong. */
class UpgradeProtocolTest {
  private RawEngineServer server;
  private RawEngineClient client;
  private WebSocketClient wsClient;

  private void start(EngineOptions options) throws Exception {
    server = RawEngineServer.start(options);
    client = new RawEngineClient(server.port);
    wsClient = server.vertx.createWebSocketClient();
  }

  /** Long heartbeat so that no ping lands on the pending poll during the upgrade. */
  private static EngineOptions.Builder options() {
    return EngineOptions.builder().pingInterval(Duration.ofSeconds(10)).pingTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private RawWebSocket probeSocket(String sid) throws Exception {
    return RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket&sid=" + sid);
  }

  @Test
  void pollingSessionUpgradesToWebsocket() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    CompletableFuture<HttpResponse<byte[]>> pending = client.pollAsync(sid);
    server.awaitProcessed("GET", sid);

    RawWebSocket ws = probeSocket(sid);
    assertThat(ws.next(Duration.ofMillis(100))).as("nothing before the probe").isNull();
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    HttpResponse<byte[]> noop = RawEngineClient.await(pending);
    assertThat(noop.statusCode()).isEqualTo(200);
    assertThat(text(noop)).isEqualTo("6");
    assertThat(server.connection(sid).transportName()).isEqualTo("polling");
    ws.sendText("5");

    ws.sendText("4over websocket");
    assertThat(ws.nextText()).isEqualTo("4over websocket");
    ws.sendBinary(new byte[] {4, 2});
    assertThat(ws.nextBinary()).containsExactly(4, 2);
    assertThat(server.connection(sid).transportName()).isEqualTo("websocket");

    HttpResponse<byte[]> lateGet = client.poll(sid);
    assertThat(lateGet.statusCode()).isEqualTo(400);
    assertThat(error(lateGet).get("code").asInt()).isEqualTo(3);
    HttpResponse<byte[]> latePost = client.postPackets(sid, "4late");
    assertThat(latePost.statusCode()).isEqualTo(400);
    assertThat(error(latePost).get("code").asInt()).isEqualTo(3);

    ws.sendText("4still fine");
    assertThat(ws.nextText()).isEqualTo("4still fine");
    assertThat(server.isClosed(sid)).isFalse();
    ws.close();
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void getIssuedAfterTheProbeIsAnsweredWithANoop() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");

    HttpResponse<byte[]> get = client.poll(sid);

    assertThat(text(get)).isEqualTo("6");
    ws.sendText("5");
    ws.sendText("4hi");
    assertThat(ws.nextText()).isEqualTo("4hi");
    ws.close();
  }

  @Test
  void packetsQueuedDuringTheUpgradeAreFlushedOverTheWebsocket() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");

    server.onContext(connection, c -> c.send(EnginePacket.message("queued")));
    ws.sendText("5");

    assertThat(ws.nextText()).isEqualTo("4queued");
    ws.close();
  }

  @Test
  void messagesPostedDuringTheProbeAreStillDelivered() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");

    assertThat(text(client.postPackets(sid, "4via polling"))).isEqualTo("ok");
    ws.sendText("5");

    // The echo of the POSTed message was queued while upgrading: it must arrive over the new transport.
    assertThat(ws.nextText()).isEqualTo("4via polling");
    ws.close();
  }

  @Test
  void upgradeTimeoutDropsTheProbeWebsocketButThePollingSessionKeepsWorking() throws Exception {
    start(options().upgradeTimeout(Duration.ofMillis(300)).build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");

    ws.awaitClosed(Duration.ofSeconds(3));

    assertThat(server.isClosed(sid)).isFalse();
    assertThat(server.connection(sid).transportName()).isEqualTo("polling");
    assertThat(text(client.postPackets(sid, "4still polling"))).isEqualTo("ok");
    assertThat(packets(client.poll(sid))).containsExactly("4still polling");
  }

  @Test
  void afterAnUpgradeTimeoutTheClientMayProbeAgain() throws Exception {
    start(options().upgradeTimeout(Duration.ofMillis(300)).build());
    String sid = client.handshake().sid();
    RawWebSocket first = probeSocket(sid);
    first.sendText("2probe");
    assertThat(first.nextText()).isEqualTo("3probe");
    first.awaitClosed(Duration.ofSeconds(3));

    RawWebSocket second = probeSocket(sid);
    second.sendText("2probe");
    assertThat(second.nextText()).isEqualTo("3probe");
    second.sendText("5");
    second.sendText("4second try");

    assertThat(second.nextText()).isEqualTo("4second try");
    second.close();
  }

  @Test
  void probeWebsocketClosedByTheClientLeavesThePollingSessionOpen() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");

    ws.close();
    ws.awaitClosed();

    assertThat(text(client.postPackets(sid, "4after probe"))).isEqualTo("ok");
    // A noop may precede the echo if the server still believed the probe was alive when the GET arrived.
    HttpResponse<byte[]> get = client.poll(sid);
    if (text(get).equals("6")) {
      get = client.poll(sid);
    }
    assertThat(packets(get)).containsExactly("4after probe");
    assertThat(server.isClosed(sid)).isFalse();
  }

  @Test
  void unexpectedPacketDuringTheProbeDropsTheWebsocketButNotTheSession() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);

    ws.sendText("4too early");

    ws.awaitClosed();
    assertThat(server.isClosed(sid)).isFalse();
    assertThat(text(client.postPackets(sid, "4polling"))).isEqualTo("ok");
    assertThat(packets(client.poll(sid))).containsExactly("4polling");
  }

  @Test
  void secondProbeWhileOneIsInProgressIsDroppedAndTheFirstStillCompletes() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket first = probeSocket(sid);
    first.sendText("2probe");
    assertThat(first.nextText()).isEqualTo("3probe");

    CompletableFuture<RawWebSocket> second = RawWebSocket
        .connect(wsClient, server.port, "EIO=4&transport=websocket&sid=" + sid)
        .toCompletionStage().toCompletableFuture();

    // Refused outright, or (like the Node server) accepted and closed at once without a word.
    try {
      RawWebSocket accepted = second.get(5, TimeUnit.SECONDS);
      accepted.awaitClosed(Duration.ofSeconds(3));
      assertThat(accepted.next(Duration.ZERO)).as("message on the dropped probe").isNull();
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(400);
    }
    first.sendText("5");
    first.sendText("4first wins");
    assertThat(first.nextText()).isEqualTo("4first wins");
    assertThat(server.connection(sid).transportName()).isEqualTo("websocket");
    first.close();
  }

  @Test
  void probeForAnAlreadyUpgradedSessionIsDroppedAndTheSessionKeepsItsWebsocket() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    RawWebSocket first = probeSocket(sid);
    first.sendText("2probe");
    assertThat(first.nextText()).isEqualTo("3probe");
    first.sendText("5");
    first.sendText("4upgraded");
    assertThat(first.nextText()).isEqualTo("4upgraded");

    CompletableFuture<RawWebSocket> second = RawWebSocket
        .connect(wsClient, server.port, "EIO=4&transport=websocket&sid=" + sid)
        .toCompletionStage().toCompletableFuture();
    try {
      RawWebSocket accepted = second.get(5, TimeUnit.SECONDS);
      accepted.awaitClosed(Duration.ofSeconds(3));
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
    }

    first.sendText("4still mine");
    assertThat(first.nextText()).isEqualTo("4still mine");
    assertThat(server.isClosed(sid)).isFalse();
    first.close();
  }

  @Test
  void websocketMessageOverMaxPayloadAfterTheUpgradeClosesTheSession() throws Exception {
    start(options().maxPayload(1000).build());
    String sid = client.handshake().sid();
    RawWebSocket ws = probeSocket(sid);
    ws.sendText("2probe");
    assertThat(ws.nextText()).isEqualTo("3probe");
    ws.sendText("5");

    ws.sendText("4" + "x".repeat(1000));

    ws.awaitClosed();
    assertThat(server.awaitClose(sid)).isNotNull();
  }

  @Test
  void pollingOnlyServerOffersNoUpgrade() throws Exception {
    start(options().transports(java.util.Set.of(EngineOptions.TransportName.POLLING)).build());

    var json = client.handshake().json();

    assertThat(json.get("upgrades")).isEmpty();
  }

  @Test
  void websocketWithUnknownSidIsRefused() throws Exception {
    start(options().build());

    CompletableFuture<RawWebSocket> ws = RawWebSocket
        .connect(wsClient, server.port, "EIO=4&transport=websocket&sid=nosuchsession")
        .toCompletionStage().toCompletableFuture();

    try {
      ws.get(5, TimeUnit.SECONDS);
      throw new AssertionError("websocket with unknown sid was accepted");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      UpgradeRejectedException rejected = (UpgradeRejectedException) e.getCause();
      assertThat(rejected.getStatus()).isEqualTo(400);
      assertThat(RawEngineClient.JSON.readTree(rejected.getBody().getBytes()).get("code").asInt()).isEqualTo(1);
    }
  }

  @Test
  void upgradeIsRefusedWhenUpgradesAreDisabled() throws Exception {
    start(options().allowUpgrades(false).build());
    String sid = client.handshake().sid();

    CompletableFuture<RawWebSocket> ws = RawWebSocket
        .connect(wsClient, server.port, "EIO=4&transport=websocket&sid=" + sid)
        .toCompletionStage().toCompletableFuture();

    try {
      ws.get(5, TimeUnit.SECONDS);
      throw new AssertionError("upgrade accepted although upgrades are disabled");
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(UpgradeRejectedException.class);
      assertThat(((UpgradeRejectedException) e.getCause()).getStatus()).isEqualTo(400);
    }
    assertThat(text(client.postPackets(sid, "4polling"))).isEqualTo("ok");
    assertThat(packets(client.poll(sid))).containsExactly("4polling");
  }
}
