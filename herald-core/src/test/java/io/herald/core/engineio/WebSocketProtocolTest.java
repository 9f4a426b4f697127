package io.herald.core.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.engineio.EngineConnection.CloseReason;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket transport opened directly (no polling first): one packet per frame, raw binary frames. */
class WebSocketProtocolTest {
  private RawEngineServer server;
  private WebSocketClient wsClient;

  private void start(EngineOptions options) throws Exception {
    server = RawEngineServer.start(options);
    wsClient = server.vertx.createWebSocketClient();
  }

  private static EngineOptions.Builder options() {
    return EngineOptions.builder().pingInterval(Duration.ofSeconds(10)).pingTimeout(Duration.ofSeconds(5));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** Opens a WebSocket session and returns it after reading the open packet. */
  private RawWebSocket open() throws Exception {
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    assertThat(ws.nextText()).startsWith("0{");
    return ws;
  }

  private static String sid(String openPacket) throws Exception {
    return RawEngineClient.JSON.readTree(openPacket.substring(1)).get("sid").asText();
  }

  @Test
  void textMessageIsEchoedAsATextFrame() throws Exception {
    start(options().build());
    RawWebSocket ws = open();

    ws.sendText("4hello €");

    assertThat(ws.nextText()).isEqualTo("4hello €");
    ws.close();
  }

  @Test
  void binaryMessageIsEchoedAsARawBinaryFrame() throws Exception {
    start(options().build());
    RawWebSocket ws = open();

    ws.sendBinary(new byte[] {0, 1, 2, (byte) 0xfe});

    assertThat(ws.nextBinary()).containsExactly(0, 1, 2, 0xfe);
    ws.close();
  }

  @Test
  void packetsSentTogetherArriveAsOneFrameEach() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());
    EngineConnection connection = server.connection(sid);

    server.onContext(connection, c -> c.sendAll(List.of(
        EnginePacket.message("a"), EnginePacket.binary(new byte[] {7}), EnginePacket.message("b"))));

    assertThat(ws.nextText()).isEqualTo("4a");
    assertThat(ws.nextBinary()).containsExactly(7);
    assertThat(ws.nextText()).isEqualTo("4b");
    ws.close();
  }

  @Test
  void clientClosingTheWebsocketClosesTheSessionWithTransportClose() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.close();

    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
  }

  @Test
  void clientClosePacketClosesTheSession() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendText("1");

    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
    ws.awaitClosed();
  }

  @Test
  void serverCloseSendsQueuedPacketsThenClosesTheWebsocket() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());
    EngineConnection connection = server.connection(sid);

    server.onContext(connection, c -> {
      c.send(EnginePacket.message("last words"));
      c.close("server shutdown");
    });

    assertThat(ws.nextText()).isEqualTo("4last words");
    ws.awaitClosed();
    assertThat(server.awaitClose(sid).reason()).isEqualTo("server shutdown");
  }

  // ---- maxPayload -----------------------------------------------------------------------------------

  @Test
  void messageOfExactlyMaxPayloadIsAccepted() throws Exception {
    start(options().maxPayload(1000).build());
    RawWebSocket ws = open();
    String message = "4" + "a".repeat(999);

    ws.sendText(message);

    assertThat(ws.nextText()).isEqualTo(message);
    ws.close();
  }

  @Test
  void messageLargerThanMaxPayloadClosesTheConnection() throws Exception {
    start(options().maxPayload(1000).build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendText("4" + "a".repeat(1000));

    ws.awaitClosed();
    assertThat(ws.next(Duration.ZERO)).as("nothing echoed").isNull();
    assertThat(server.awaitClose(sid)).isNotNull();
    assertThat(server.engine.clientsCount()).isZero();
  }

  @Test
  void binaryMessageLargerThanMaxPayloadClosesTheConnection() throws Exception {
    start(options().maxPayload(1000).build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendBinary(new byte[1001]);

    ws.awaitClosed();
    assertThat(server.awaitClose(sid)).isNotNull();
  }

  @Test
  void fragmentedMessageIsReassembled() throws Exception {
    start(options().maxPayload(1000).build());
    RawWebSocket ws = open();

    ws.sendFrame(WebSocketFrame.textFrame("4hel", false));
    ws.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("lo "), false));
    ws.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("world"), true));

    assertThat(ws.nextText()).isEqualTo("4hello world");
    ws.close();
  }

  @Test
  void fragmentedMessageLargerThanMaxPayloadClosesTheConnection() throws Exception {
    start(options().maxPayload(1000).build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendFrame(WebSocketFrame.textFrame("4" + "a".repeat(599), false));
    ws.sendFrame(WebSocketFrame.continuationFrame(Buffer.buffer("b".repeat(600)), true));

    ws.awaitClosed();
    assertThat(ws.next(Duration.ZERO)).as("nothing echoed").isNull();
    assertThat(server.awaitClose(sid)).isNotNull();
  }

  // ---- malformed input ------------------------------------------------------------------------------

  @Test
  void textFrameWithABadPacketTypeClosesTheConnectionWithParseError() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendText("9x");

    ws.awaitClosed();
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
  }

  @Test
  void emptyTextFrameClosesTheConnectionWithParseError() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(wsClient, server.port, "EIO=4&transport=websocket");
    String sid = sid(ws.nextText());

    ws.sendText("");

    ws.awaitClosed();
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
  }
}
