package io.herald.server.interop;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.herald.redis.RedisCluster;
import io.herald.redis.RedisClusterOptions;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Herald node of the mixed cluster: a {@link SocketServer} with the Redis adapter of {@link RedisCluster} on
 * 127.0.0.1, shaped like
 * node-server.js. Namespaces {@code /} and {@code /custom}; a socket joins the rooms of its handshake query
 * {@code room} (comma-separated) and gets {@code data = {origin: "herald", name}}; the server-side events in
 * {@link #SERVER_SIDE_EVENTS} are recorded, and answered with {@code {from: "herald", event, args}} when the
 * sender asked for an acknowledgement.
 */
final class MixedHeraldNode implements AutoCloseable {

  /** The server-side events this node listens for (Herald listens per event name). */
  static final List<String> SERVER_SIDE_EVENTS = List.of("node-to-herald", "node-to-herald-with-ack",
      "emitter-to-herald");

  /** A server-side event this node received. */
  record ServerSideEvent(String namespace, String event, List<JsonNode> args, boolean withAck) {}

  private final Vertx vertx;
  private final RedisCluster cluster;
  private final SocketServer io;
  private final HttpServer http;
  private final List<ServerSideEvent> serverSideEvents = new CopyOnWriteArrayList<>();

  private MixedHeraldNode(RedisClusterOptions options) {
    this.vertx = Vertx.vertx();
    this.cluster = RedisCluster.create(vertx, options);
    this.io = SocketServer.builder(vertx).adapter(cluster.adapterFactory()).build();
    for (String name : List.of("/", "/custom")) {
      configure(io.of(name));
    }
    this.http = started(vertx.createHttpServer(io.httpOptions(new HttpServerOptions().setHost("127.0.0.1").setPort(0)))
        .requestHandler(io.requestHandler(request -> request.response().setStatusCode(404).end()))
        .listen());
    await("Herald's Redis connections up, every channel subscribed (last error: " + cluster.lastError() + ")")
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(cluster::isUp);
  }

  /** A node on the Redis at {@code options.url()}; returns once its channels are subscribed. */
  static MixedHeraldNode start(RedisClusterOptions options) {
    return new MixedHeraldNode(options);
  }

  RedisCluster cluster() {
    return cluster;
  }

  Vertx vertx() {
    return vertx;
  }

  private void configure(Namespace namespace) {
    namespace.onConnection(socket -> {
      String name = socket.handshake().query().get("name");
      String rooms = socket.handshake().query().get("room");
      if (rooms != null && !rooms.isEmpty()) {
        socket.join(Arrays.stream(rooms.split(",")).filter(room -> !room.isEmpty()).toArray(String[]::new));
      }
      socket.data().put("origin", "herald");
      socket.data().put("name", name);
    });
    for (String event : SERVER_SIDE_EVENTS) {
      namespace.onServerSideEmit(event, (args, ack) -> {
        serverSideEvents.add(new ServerSideEvent(namespace.name(), event, List.copyOf(args), ack.requested()));
        if (ack.requested()) {
          Map<String, Object> answer = new LinkedHashMap<>();
          answer.put("from", "herald");
          answer.put("event", event);
          answer.put("args", args);
          ack.send(answer);
        }
      });
    }
  }

  SocketServer io() {
    return io;
  }

  Namespace of(String namespace) {
    return io.of(namespace);
  }

  String url(String namespace) {
    return "http://127.0.0.1:" + http.actualPort() + ("/".equals(namespace) ? "" : namespace);
  }

  /** The server-side events received so far. */
  List<ServerSideEvent> serverSideEvents() {
    return List.copyOf(serverSideEvents);
  }

  private static <T> T started(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Herald node did not start", e);
    }
  }

  @Override
  public void close() {
    try {
      io.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      http.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception ignored) {
      // closing anyway
    } finally {
      cluster.close();
      vertx.close();
    }
  }
}
