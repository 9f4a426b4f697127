package io.herald.core.engineio;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client over Vert.x's {@link WebSocketClient} that records every message it receives (text as
 * {@link String}, binary as {@code byte[]}) and when it is closed. Handlers are set before connecting, so no
 * frame is missed.
 */
final class RawWebSocket {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final ClientWebSocket ws;
  private final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Short> closed = new CompletableFuture<>();

  private RawWebSocket(ClientWebSocket ws) {
    this.ws = ws;
    ws.textMessageHandler(messages::add);
    ws.binaryMessageHandler(buffer -> messages.add(buffer.getBytes()));
    ws.closeHandler(v -> closed.complete(ws.closeStatusCode()));
    ws.exceptionHandler(e -> { });
  }

  /** Connects; the future fails (with an UpgradeRejectedException) when the server refuses the upgrade. */
  static Future<RawWebSocket> connect(WebSocketClient client, int port, String query, String... headers) {
    WebSocketConnectOptions options = new WebSocketConnectOptions()
        .setHost("127.0.0.1").setPort(port).setURI("/engine.io/?" + query)
        .setTimeout(TIMEOUT.toMillis());
    for (int i = 0; i < headers.length; i += 2) {
      options.addHeader(headers[i], headers[i + 1]);
    }
    RawWebSocket raw = new RawWebSocket(client.webSocket());
    return raw.ws.connect(options).map(w -> raw);
  }

  static RawWebSocket open(WebSocketClient client, int port, String query, String... headers) throws Exception {
    return connect(client, port, query, headers).toCompletionStage().toCompletableFuture()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next message, or null if none arrives in time. */
  Object next(Duration timeout) throws InterruptedException {
    return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  String nextText() throws InterruptedException {
    return nextText(TIMEOUT);
  }

  String nextText(Duration timeout) throws InterruptedException {
    Object message = next(timeout);
    if (message == null) {
      throw new AssertionError("no message within " + timeout + (isClosed() ? " (websocket closed)" : ""));
    }
    if (!(message instanceof String text)) {
      throw new AssertionError("expected a text message, got " + message.getClass().getSimpleName());
    }
    return text;
  }

  byte[] nextBinary() throws InterruptedException {
    Object message = next(TIMEOUT);
    if (message == null) {
      throw new AssertionError("no message within " + TIMEOUT);
    }
    if (!(message instanceof byte[] data)) {
      throw new AssertionError("expected a binary message, got text '" + message + "'");
    }
    return data;
  }

  void sendText(String text) throws Exception {
    ws.writeTextMessage(text).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void sendBinary(byte[] data) throws Exception {
    ws.writeBinaryMessage(Buffer.buffer(data)).toCompletionStage().toCompletableFuture()
        .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  void sendFrame(WebSocketFrame frame) throws Exception {
    ws.writeFrame(frame).toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  /** Waits for the server to close the connection; returns the close status code (may be null). */
  Short awaitClosed(Duration timeout) throws Exception {
    return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  Short awaitClosed() throws Exception {
    return awaitClosed(TIMEOUT);
  }

  void close() {
    if (!isClosed()) {
      ws.close();
    }
  }
}
