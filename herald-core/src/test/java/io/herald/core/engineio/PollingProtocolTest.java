package io.herald.core.engineio;

import static io.herald.core.engineio.RawEngineClient.error;
import static io.herald.core.engineio.RawEngineClient.packets;
import static io.herald.core.engineio.RawEngineClient.polling;
import static io.herald.core.engineio.RawEngineClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.engineio.EngineConnection.CloseReason;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** HTTP long-polling as a real client sees it: GET/POST exchanges, payload batching and the ways a session ends. */
class PollingProtocolTest {
  private RawEngineServer server;
  private RawEngineClient client;

  private void start(EngineOptions options) throws Exception {
    server = RawEngineServer.start(options);
    client = new RawEngineClient(server.port);
  }

  /** Long heartbeat so that no ping interferes with the exchange under test. */
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

  private void assertUnknownSid(String sid) throws Exception {
    HttpResponse<byte[]> get = client.poll(sid);
    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(error(get).get("code").asInt()).isEqualTo(1);
  }

  @Test
  void postBodyIsAnsweredOk() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    HttpResponse<byte[]> post = client.postPackets(sid, "4hello");

    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(text(post)).isEqualTo("ok");
  }

  @Test
  void messagePostedIsEchoedInTheNextGet() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    client.postPackets(sid, "4hello");
    HttpResponse<byte[]> get = client.poll(sid);

    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(text(get)).isEqualTo("4hello");
  }

  @Test
  void pendingGetIsAnsweredAsSoonAsAMessageIsEchoed() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    CompletableFuture<HttpResponse<byte[]>> get = client.pollAsync(sid);
    server.awaitProcessed("GET", sid);
    assertThat(get).isNotDone();
    HttpResponse<byte[]> post = client.postPackets(sid, "4héllo €");

    assertThat(text(post)).isEqualTo("ok");
    assertThat(text(RawEngineClient.await(get))).isEqualTo("4héllo €");
  }

  @Test
  void severalPacketsInOnePostComeBackBatchedInOneGetWithBinaryAsBase64() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    byte[] binary = {1, 2, 3, (byte) 0xff};
    String b64 = Base64.getEncoder().encodeToString(binary);

    HttpResponse<byte[]> post = client.postPackets(sid, "4first", "b" + b64, "4third");
    HttpResponse<byte[]> get = client.poll(sid);

    assertThat(text(post)).isEqualTo("ok");
    assertThat(get.body()).isEqualTo(("4first\u001eb" + b64 + "\u001e4third").getBytes(StandardCharsets.UTF_8));
    assertThat(packets(get)).containsExactly("4first", "b" + b64, "4third");
  }

  @Test
  void binaryMessageFromTheClientReachesTheServerAsBinary() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);
    CompletableFuture<EnginePacket> received = new CompletableFuture<>();
    server.onContext(connection, c -> c.messageHandler(received::complete));

    client.postPackets(sid, "bAQID");

    EnginePacket packet = received.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(packet.isBinary()).isTrue();
    assertThat(packet.data()).containsExactly(1, 2, 3);
  }

  @Test
  void secondConcurrentGetGets400AndClosesTheSession() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    CompletableFuture<HttpResponse<byte[]>> first = client.pollAsync(sid);
    server.awaitProcessed("GET", sid);
    HttpResponse<byte[]> second = client.poll(sid);

    assertThat(second.statusCode()).isEqualTo(400);
    assertThat(error(second).get("code").asInt()).isEqualTo(3);
    HttpResponse<byte[]> firstResponse = RawEngineClient.await(first);
    assertThat(firstResponse.statusCode()).isEqualTo(200);
    assertThat(text(firstResponse)).isEqualTo("1");
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
    assertUnknownSid(sid);
    HttpResponse<byte[]> post = client.postPackets(sid, "4late");
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(error(post).get("code").asInt()).isEqualTo(1);
  }

  @Test
  void abortedGetClosesTheSessionWithTransportError() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
      OutputStream out = socket.getOutputStream();
      out.write(("GET /engine.io/?" + polling(sid) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      server.awaitProcessed("GET", sid);
      assertThat(server.isClosed(sid)).isFalse();
    }

    CloseReason reason = server.awaitClose(sid);
    assertThat(reason.reason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
    assertUnknownSid(sid);
  }

  @Test
  void clientClosePacketClosesTheSessionAndEndsThePendingGetWithANoop() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    CompletableFuture<HttpResponse<byte[]>> pending = client.pollAsync(sid);
    server.awaitProcessed("GET", sid);
    HttpResponse<byte[]> post = client.postPackets(sid, "1");

    assertThat(text(post)).isEqualTo("ok");
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
    HttpResponse<byte[]> pendingResponse = RawEngineClient.await(pending);
    assertThat(pendingResponse.statusCode()).isEqualTo(200);
    // The official v4 test suite ("close / HTTP long-polling / forcefully closes the session") expects the
    // pending GET to be ended with a noop: the client asked for the close, it needs no close packet back.
    assertThat(text(pendingResponse)).isEqualTo("6");
    assertUnknownSid(sid);
  }

  // ---- maxPayload -----------------------------------------------------------------------------------

  @Test
  void postOfExactlyMaxPayloadIsAccepted() throws Exception {
    start(options().maxPayload(1000).build());
    String sid = client.handshake().sid();
    String message = "4" + "a".repeat(999);

    HttpResponse<byte[]> post = client.postPackets(sid, message);

    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(text(client.poll(sid))).isEqualTo(message);
  }

  @Test
  void postLargerThanMaxPayloadGets413AndClosesTheSession() throws Exception {
    start(options().maxPayload(1000).build());
    String sid = client.handshake().sid();

    HttpResponse<byte[]> post = client.postPackets(sid, "4" + "a".repeat(1000));

    assertThat(post.statusCode()).isEqualTo(413);
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
    assertUnknownSid(sid);
  }

  @Test
  void chunkedPostLargerThanMaxPayloadGets413AndClosesTheSession() throws Exception {
    start(options().maxPayload(1000).build());
    String sid = client.handshake().sid();

    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", server.port), 5_000);
      socket.setSoTimeout(5_000);
      OutputStream out = socket.getOutputStream();
      StringBuilder request = new StringBuilder("POST /engine.io/?" + polling(sid) + " HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\nTransfer-Encoding: chunked\r\nContent-Type: text/plain\r\n\r\n");
      for (int i = 0; i < 3; i++) {
        String chunk = (i == 0 ? "4" : "") + "x".repeat(500);
        request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
      }
      request.append("0\r\n\r\n");
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String status = readStatusLine(socket.getInputStream());
      assertThat(status).startsWith("HTTP/1.1 413");
    }
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_ERROR);
  }

  private static String readStatusLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  // ---- malformed input ------------------------------------------------------------------------------

  @Test
  void postWithABadPacketTypeClosesTheSessionWithParseError() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    HttpResponse<byte[]> post = client.postPackets(sid, "9x");

    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
    assertUnknownSid(sid);
  }

  @Test
  void postOfTextThatIsNotAPacketClosesTheSession() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    HttpResponse<byte[]> post = client.post(polling(sid), "abc");

    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
    assertUnknownSid(sid);
  }

  @Test
  void pollingRequestForAWebsocketSessionIsRefusedWithCode3() throws Exception {
    start(options().build());
    RawWebSocket ws = RawWebSocket.open(server.vertx.createWebSocketClient(), server.port,
        "EIO=4&transport=websocket");
    String sid = RawEngineClient.JSON.readTree(ws.nextText().substring(1)).get("sid").asText();

    HttpResponse<byte[]> get = client.poll(sid);
    HttpResponse<byte[]> post = client.postPackets(sid, "4hi");

    assertThat(get.statusCode()).isEqualTo(400);
    assertThat(error(get).get("code").asInt()).isEqualTo(3);
    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(error(post).get("code").asInt()).isEqualTo(3);
    ws.sendText("4still open");
    assertThat(ws.nextText()).isEqualTo("4still open");
    ws.close();
  }

  @Test
  void postWithInvalidBase64ClosesTheSessionWithParseError() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    HttpResponse<byte[]> post = client.postPackets(sid, "4ok", "b%%%not-base64");

    assertThat(post.statusCode()).isEqualTo(400);
    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
  }

  @Test
  void postWithAnOpenPacketClosesTheSessionWithParseError() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();

    client.postPackets(sid, "0{}");

    assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.PARSE_ERROR);
  }

  // ---- server-side close ----------------------------------------------------------------------------

  @Test
  void closeWithQueuedPacketsDeliversThemThenACloseToTheNextPolls() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);

    server.onContext(connection, c -> {
      c.send(EnginePacket.message("one"));
      c.sendAll(List.of(EnginePacket.message("two"), EnginePacket.binary(new byte[] {9, 8})));
      c.close("server shutdown");
    });
    assertThat(server.isClosed(sid)).isFalse();
    HttpResponse<byte[]> get = client.poll(sid);

    assertThat(get.statusCode()).isEqualTo(200);
    List<String> received = new java.util.ArrayList<>(packets(get));
    // The close packet may share the payload with the queued packets or come alone in the GET after it.
    if (!received.contains("1")) {
      HttpResponse<byte[]> closeGet = client.poll(sid);
      assertThat(closeGet.statusCode()).as("GET after the queued packets: %s", text(closeGet)).isEqualTo(200);
      received.addAll(packets(closeGet));
    }
    assertThat(received).containsExactly("4one", "4two", "bCQg=", "1");
    assertThat(server.awaitClose(sid).reason()).isEqualTo("server shutdown");
    assertUnknownSid(sid);
  }

  @Test
  void closeWithNothingQueuedAndNoPendingGetDeliversACloseOnTheNextGet() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);

    server.onContext(connection, c -> c.close("server shutdown"));
    HttpResponse<byte[]> get = client.poll(sid);

    // Like the Node server (Polling#doClose + shouldClose): the client learns of the close from a close
    // packet on its next poll, not from a 400 "Session ID unknown".
    assertThat(get.statusCode()).as("next GET: %s", text(get)).isEqualTo(200);
    assertThat(packets(get)).endsWith("1");
    assertThat(server.awaitClose(sid).reason()).isEqualTo("server shutdown");
  }

  @Test
  void closeWithNothingQueuedAnswersThePendingGetWithAClose() throws Exception {
    start(options().build());
    String sid = client.handshake().sid();
    EngineConnection connection = server.connection(sid);
    CompletableFuture<HttpResponse<byte[]>> pending = client.pollAsync(sid);
    server.awaitProcessed("GET", sid);

    server.onContext(connection, c -> c.close("server shutdown"));

    assertThat(text(RawEngineClient.await(pending))).isEqualTo("1");
    assertThat(server.awaitClose(sid).reason()).isEqualTo("server shutdown");
  }
}
