package io.herald.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.awaitility.Awaitility.await;

import io.herald.core.server.SocketServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** One Herald node: its own Vert.x, a {@link RedisCluster} and a SocketServer listening on 127.0.0.1:0. */
final class ClusterNode implements AutoCloseable {
  final Vertx vertx;
  final RedisCluster redis;
  final SocketServer io;
  private final HttpServer http;

  private ClusterNode(Vertx vertx, RedisCluster redis, SocketServer io, HttpServer http) {
    this.vertx = vertx;
    this.redis = redis;
    this.io = io;
    this.http = http;
  }

  static ClusterNode start(String redisUrl, String key, Consumer<SocketServer> setup) throws Exception {
    Vertx vertx = Vertx.vertx();
    RedisCluster redis = RedisCluster.create(vertx, RedisClusterOptions.of(redisUrl).withKey(key));
    SocketServer io = SocketServer.builder(vertx).adapter(redis.adapterFactory()).build();
    setup.accept(io);
    HttpServer http = vertx
        .createHttpServer(io.httpOptions(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
        .requestHandler(io.requestHandler(req -> req.response().setStatusCode(404).end()))
        .listen()
        .toCompletionStage().toCompletableFuture().get(5, SECONDS);
    return new ClusterNode(vertx, redis, io, http);
  }

  /** Waits until every node sees {@code nodes.size()} servers in each namespace. */
  static void awaitCluster(List<ClusterNode> nodes, String... namespaces) {
    for (ClusterNode node : nodes) {
      for (String namespace : namespaces) {
        node.io.of(namespace);
      }
    }
    for (ClusterNode node : nodes) {
      await().atMost(Duration.ofSeconds(10)).until(node.redis::isUp);
      for (String namespace : namespaces) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
            node.io.of(namespace).adapter().serverCount().get(5, SECONDS) == nodes.size());
      }
    }
  }

  String url(String namespace) {
    return "http://127.0.0.1:" + http.actualPort() + ("/".equals(namespace) ? "" : namespace);
  }

  @Override
  public void close() throws Exception {
    redis.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, SECONDS);
  }
}
