package io.herald.server.state;

import io.socket.client.IO;
import io.socket.client.Socket;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/** A socket.io-client-java socket on {@code /} with a token, recording one event's payloads. */
final class SocketIoTestClient implements AutoCloseable {
  private static final Duration TIMEOUT = WsTestClient.TIMEOUT;

  private final Socket socket;
  private final BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();

  private SocketIoTestClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects to {@code /} over WebSocket with {@code auth.token} and records every {@code event}. */
  static SocketIoTestClient connect(String url, String token, String event) throws Exception {
    IO.Options options = new IO.Options();
    options.transports = new String[] {"websocket"};
    options.forceNew = true;
    options.reconnection = false;
    options.timeout = TIMEOUT.toMillis();
    options.auth = Map.of("token", token);
    SocketIoTestClient client = new SocketIoTestClient(IO.socket(URI.create(url), options));
    client.socket.on(event, args -> client.events.add(new JsonObject(((JSONObject) args[0]).toString())));
    CompletableFuture<Void> connected = new CompletableFuture<>();
    client.socket.once(Socket.EVENT_CONNECT, args -> connected.complete(null));
    client.socket.once(Socket.EVENT_CONNECT_ERROR,
        args -> connected.completeExceptionally(new AssertionError("connect_error: " + List.of(args))));
    client.socket.connect();
    try {
      connected.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      client.close();
      throw e;
    }
    return client;
  }

  /** The next recorded payload, waiting at most the test timeout. */
  JsonObject next() throws InterruptedException {
    JsonObject event = events.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (event == null) {
      throw new AssertionError("no event within " + TIMEOUT.toSeconds() + " s");
    }
    return event;
  }

  @Override
  public void close() {
    socket.close();
  }
}
