package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/** A {@link SocketServer} on a fresh Vert.x, listening on 127.0.0.1 on a free port. */
final class TestServer implements AutoCloseable {
  final Vertx vertx;
  final SocketServer io;
  final HttpServer http;

  private TestServer(Vertx vertx, SocketServer io, HttpServer http) {
    this.vertx = vertx;
    this.io = io;
    this.http = http;
  }

  /** A server with default settings; {@code setup} declares namespaces and handlers before it listens. */
  static TestServer start(Consumer<SocketServer> setup) throws Exception {
    return start(builder -> builder, (vertx, io) -> setup.accept(io));
  }

  static TestServer start(UnaryOperator<SocketServer.Builder> config, Setup setup) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      SocketServer io = config.apply(SocketServer.builder(vertx)).build();
      setup.accept(vertx, io);
      HttpServer http = vertx
          .createHttpServer(io.httpOptions(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
          .requestHandler(io.requestHandler(req -> req.response().setStatusCode(404).end()))
          .listen()
          .toCompletionStage().toCompletableFuture().get(5, SECONDS);
      return new TestServer(vertx, io, http);
    } catch (Exception | Error e) {
      vertx.close();
      throw e;
    }
  }

  /** Declares namespaces and handlers; may use the server's Vert.x (timers in middleware...). */
  @FunctionalInterface
  interface Setup {
    void accept(Vertx vertx, SocketServer io) throws Exception;
  }

  int port() {
    return http.actualPort();
  }

  /** The URL of a namespace, such as {@code http://127.0.0.1:1234/chat}. */
  String url(String namespace) {
    return "http://127.0.0.1:" + port() + ("/".equals(namespace) ? "" : namespace);
  }

  String url() {
    return url("/");
  }

  /** The server side of a connected client, in the given namespace. */
  Socket socketOf(String namespace, RecordingClient client) {
    String id = client.id();
    if (id == null) {
      throw new AssertionError("client is not connected");
    }
    Socket socket = io.of(namespace).sockets().get(id);
    if (socket == null) {
      throw new AssertionError("no server socket " + id + " in " + namespace);
    }
    return socket;
  }

  Socket socketOf(RecordingClient client) {
    return socketOf("/", client);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
  }
}
