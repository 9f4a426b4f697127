package io.herald.core.hardening;

import static java.util.concurrent.TimeUnit.SECONDS;

import io.herald.core.server.ServerListener;
import io.herald.core.server.SocketServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A {@link SocketServer} on 127.0.0.1 with an {@code echo} event on {@code /} for control clients, and a listener
 * that counts what the server reports.
 */
final class HardeningServer implements AutoCloseable {
  final Vertx vertx = Vertx.vertx();
  final SocketServer io;
  final Counting counts = new Counting();
  private final HttpServer http;

  private HardeningServer(UnaryOperator<SocketServer.Builder> config, Consumer<SocketServer> setup,
      UnaryOperator<HttpServerOptions> httpConfig) throws Exception {
    this.io = config.apply(SocketServer.builder(vertx).listener(counts)).build();
    io.of("/").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.isEmpty() ? null : args.get(0))));
    setup.accept(io);
    HttpServerOptions options = httpConfig.apply(io.httpOptions(new HttpServerOptions().setHost("127.0.0.1").setPort(0)));
    this.http = vertx.createHttpServer(options)
        .requestHandler(io.requestHandler(req -> req.response().setStatusCode(404).end()))
        .listen().toCompletionStage().toCompletableFuture().get(5, SECONDS);
  }

  static HardeningServer start(UnaryOperator<SocketServer.Builder> config, Consumer<SocketServer> setup)
      throws Exception {
    return new HardeningServer(config, setup, o -> o);
  }

  static HardeningServer start(UnaryOperator<SocketServer.Builder> config, Consumer<SocketServer> setup,
      UnaryOperator<HttpServerOptions> httpConfig) throws Exception {
    return new HardeningServer(config, setup, httpConfig);
  }

  int port() {
    return http.actualPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
  }

  /** Counts every callback by name. */
  static final class Counting implements ServerListener {
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    long get(String name) {
      AtomicLong count = counts.get(name);
      return count == null ? 0 : count.get();
    }

    private void add(String name) {
      counts.computeIfAbsent(name, n -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void connectionRefused(String limit) {
      add("refused:" + limit);
    }

    @Override
    public void slowConsumerDisconnected() {
      add("slowConsumer");
    }

    @Override
    public void rateLimited() {
      add("rateLimited");
    }

    @Override
    public void limitExceeded(String limit) {
      add("limit:" + limit);
    }
  }
}
