package io.herald.core.engineio;

import io.herald.core.engineio.EngineConnection.CloseReason;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A real {@link EngineServer} on 127.0.0.1 and an ephemeral port, for protocol tests. By default it echoes every
 * message back; it records every connection, its close reason, and which requests the server has processed.
 */
final class RawEngineServer {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final Vertx vertx;
  final EngineServer engine;
  final HttpServer http;
  final int port;
  private final Map<String, EngineConnection> connections = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<CloseReason>> closes = new ConcurrentHashMap<>();
  private final BlockingQueue<EngineConnection> opened = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> processed = new LinkedBlockingQueue<>();

  private RawEngineServer(EngineOptions options, Handler<EngineConnection> extra) throws Exception {
    this.vertx = Vertx.vertx();
    this.engine = new EngineServer(options, connection -> {
      connections.put(connection.id(), connection);
      connection.closeHandler(reason -> closeFuture(connection.id()).complete(reason));
      connection.messageHandler(connection::send);
      if (extra != null) {
        extra.handle(connection);
      }
      opened.add(connection);
    });
    this.http = vertx
        .createHttpServer(EngineServer.configure(new HttpServerOptions().setHost("127.0.0.1").setPort(0), options))
        .requestHandler(req -> {
          if (!req.path().startsWith("/engine.io/")) {
            req.response().setStatusCode(404).end();
            return;
          }
          engine.handle(req);
          // Record that the server has processed the request: for a session, after a round trip through its
          // context (the engine hops there first, and tasks on one context run in order).
          String sid = req.getParam("sid");
          String key = req.method().name() + " " + sid;
          EngineConnection connection = sid == null ? null : connections.get(sid);
          if (connection == null) {
            processed.add(key);
          } else {
            connection.context().runOnContext(v -> processed.add(key));
          }
        })
        .listen()
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    this.port = http.actualPort();
  }

  static RawEngineServer start(EngineOptions options) throws Exception {
    return new RawEngineServer(options, null);
  }

  /** Starts a server whose connection handler also runs {@code extra} (which may replace the echo handler). */
  static RawEngineServer start(EngineOptions options, Handler<EngineConnection> extra) throws Exception {
    return new RawEngineServer(options, extra);
  }

  private CompletableFuture<CloseReason> closeFuture(String sid) {
    return closes.computeIfAbsent(sid, k -> new CompletableFuture<>());
  }

  /** The connection the server opened with this sid. */
  EngineConnection connection(String sid) {
    EngineConnection connection = connections.get(sid);
    if (connection == null) {
      throw new AssertionError("no connection with sid " + sid);
    }
    return connection;
  }

  /** The next connection opened by the server. */
  EngineConnection nextConnection() throws InterruptedException {
    EngineConnection connection = opened.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (connection == null) {
      throw new AssertionError("no connection opened within " + TIMEOUT);
    }
    return connection;
  }

  /** Waits for the session to close and returns why. */
  CloseReason awaitClose(String sid, Duration timeout) throws Exception {
    return closeFuture(sid).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  CloseReason awaitClose(String sid) throws Exception {
    return awaitClose(sid, TIMEOUT);
  }

  /** Whether the server has reported the session closed. */
  boolean isClosed(String sid) {
    return closeFuture(sid).isDone();
  }

  /** Waits until the server has processed a request with this method and sid (for GET: parked it). */
  void awaitProcessed(String method, String sid) throws InterruptedException {
    String key = method + " " + sid;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String next = processed.poll(Math.max(left, 0), TimeUnit.NANOSECONDS);
      if (next == null) {
        throw new AssertionError("server did not process " + key + " within " + TIMEOUT);
      }
      if (next.equals(key)) {
        return;
      }
    }
  }

  /** Runs an action on the connection's context and waits for it. */
  void onContext(EngineConnection connection, Consumer<EngineConnection> action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    connection.context().runOnContext(v -> {
      try {
        action.accept(connection);
        done.complete(null);
      } catch (Throwable t) {
        done.completeExceptionally(t);
      }
    });
    done.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Closes the Vert.x instance, and with it the server and every session. */
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
