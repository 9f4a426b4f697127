package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real WebSocket client (Vert.x) on {@code /api/ws} that records every message it receives, for tests. Every wait
 * is bounded by {@link #TIMEOUT}.
 */
final class WsTestClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** How the server closed the connection. */
  record Closed(Short code, String reason) {}

  private final ClientWebSocket ws;
  private final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();

  private WsTestClient(ClientWebSocket ws) {
    this.ws = ws;
  }

  /** Connects with the token as the query parameter {@code token}. */
  static WsTestClient withQueryToken(WebSocketClient client, int port, String token) throws Exception {
    return connect(client, port, "/api/ws?token=" + token, Map.of());
  }

  /** Connects with the token in an {@code Authorization: Bearer} header. */
  static WsTestClient withHeaderToken(WebSocketClient client, int port, String token) throws Exception {
    return connect(client, port, "/api/ws", Map.of("Authorization", "Bearer " + token));
  }

  /**
   * Connects, or throws the {@link UpgradeRejectedException} (status, body) of a refused upgrade.
   */
  static WsTestClient connect(WebSocketClient client, int port, String uri, Map<String, String> headers)
      throws Exception {
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(uri);
    headers.forEach(options::addHeader);
    WsTestClient recorder = new WsTestClient(client.webSocket());
    recorder.ws.textMessageHandler(text -> recorder.messages.add(new JsonObject(text)));
    recorder.ws.closeHandler(v ->
        recorder.closed.complete(new Closed(recorder.ws.closeStatusCode(), recorder.ws.closeReason())));
    try {
      recorder.ws.connect(options).toCompletionStage().toCompletableFuture()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
    return recorder;
  }

  /** The upgrade refusal of a connection attempt that must fail. */
  static UpgradeRejectedException refusal(WebSocketClient client, int port, String uri, Map<String, String> headers)
      throws Exception {
    try {
      connect(client, port, uri, headers).close();
    } catch (UpgradeRejectedException e) {
      return e;
    }
    throw new AssertionError("the upgrade of " + uri + " was accepted (expected: refused)");
  }

  /** The next message, waiting at most {@link #TIMEOUT}. */
  JsonObject next() throws InterruptedException {
    JsonObject message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (message == null) {
      throw new AssertionError("no message within " + TIMEOUT.toSeconds() + " s (closed: " + closed.getNow(null) + ")");
    }
    return message;
  }

  /** The next message if one arrives within {@code wait}, else {@code null}. */
  JsonObject poll(Duration wait) throws InterruptedException {
    return messages.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The next message, which must have this type. */
  JsonObject next(String type) throws InterruptedException {
    JsonObject message = next();
    assertThat(message.getString("type")).as("type of %s", message).isEqualTo(type);
    return message;
  }

  /** Sends a JSON object as a text message. */
  void send(Map<String, Object> message) {
    sendText(new JsonObject(message).encode());
  }

  void sendText(String text) {
    ws.writeTextMessage(text);
  }

  void sendBinary(byte[] bytes) {
    ws.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** Sends a ping and waits for its pong: every message sent before has been handled. */
  void roundTrip() throws InterruptedException {
    send(Map.of("type", "ping"));
    next("pong");
  }

  /** Waits until the server closes the connection. */
  Closed awaitClosed() throws InterruptedException, ExecutionException {
    try {
      return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("not closed within " + TIMEOUT.toSeconds() + " s", e);
    }
  }

  /** The messages received and not yet taken. */
  List<JsonObject> pending() {
    return List.copyOf(messages);
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      ws.close();
    }
  }
}
