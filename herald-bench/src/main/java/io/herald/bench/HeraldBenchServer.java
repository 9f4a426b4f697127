package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.engineio.EngineOptions;
import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.transport.Transport;
import java.util.concurrent.TimeUnit;

/**
 * The Herald side of the benchmarks: a tiny server on herald-core's public API implementing exactly the
 * events of {@code bench/node-reference/server.js}, on namespaces {@code /} (anonymous) and {@code /secure}
 * (an HS256 JWT in {@code auth.token}, checked with a plain HMAC as the Node reference does).
 *
 * <pre>
 *   java -cp herald-bench.jar io.herald.bench.HeraldBenchServer --port 3000 [--host 127.0.0.1] [--loops 2]
 * </pre>
 *
 * <p>Events, the same on both namespaces: {@code echo(...args, ack)} answers its arguments; {@code join(room,
 * ack)} joins the room (the socket's chat room from then on); {@code fanout(room, data)} sends {@code tick(data)}
 * to every member of the room; {@code send(data)} sends {@code msg(data)} to the other members of the sender's
 * room; {@code gc(ack)} runs a full garbage collection (before reading the RSS).
 */
public final class HeraldBenchServer {
  private static final String ROOM = "bench.room";

  private HeraldBenchServer() {}

  public static void main(String[] args) throws Exception {
    Args a = new Args(args);
    int port = a.intValue("--port", 3000);
    String host = a.value("--host", "127.0.0.1");
    int loops = a.intValue("--loops", 2);
    String secret = System.getenv().getOrDefault("BENCH_JWT_SECRET", Jwt.DEFAULT_SECRET);

    // the native transport (epoll) unless -Dbench.native=false; NIO where it cannot load
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops)
        .setPreferNativeTransport(Boolean.parseBoolean(System.getProperty("bench.native", "true"))));
    // No per-address or per-socket rate limits: every client of the benchmark comes from 127.0.0.2-9, a closed-loop
    // echo sends as fast as it is answered, and the Node reference has no such limits.
    SocketServer io = SocketServer.builder(vertx)
        .engine(EngineOptions.builder().maxConnectionsPerIp(0).handshakesPerIpPerSecond(0).build())
        .eventsPerSecond(0)
        .build();
    handlers(io.of("/"));
    Namespace secure = io.of("/secure");
    Jwt.Verifier verifier = new Jwt.Verifier(secret);
    secure.use((socket, next) -> {
      JsonNode token = socket.handshake().auth().path("token");
      String sub = token.isTextual() ? verifier.verify(token.asText()) : null;
      if (sub == null) {
        next.refuse("unauthorized");
      } else {
        socket.data().put("user", sub);
        next.proceed();
      }
    });
    handlers(secure);

    // One HTTP server per event loop; Vert.x shares the listening socket among them.
    HttpServerOptions options = io.httpOptions(new HttpServerOptions().setHost(host).setPort(port)
        .setAcceptBacklog(4096));
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        return vertx.createHttpServer(options)
            .requestHandler(io.requestHandler(request -> request.response().setStatusCode(404).end()))
            .listen();
      }
    }, new DeploymentOptions().setInstances(loops)).toCompletionStage().toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    System.out.println("herald bench server listening on http://" + host + ":" + port + " (" + loops
        + " event loops, transport " + (vertx.isNativeTransportEnabled() ? Transport.nativeTransport().name() : "nio")
        + ", Java " + Runtime.version() + ")");
  }

  private static void handlers(Namespace nsp) {
    nsp.onConnection(socket -> {
      socket.on("echo", (args, ack) -> {
        if (ack.requested()) {
          ack.send(args.toArray());
        }
      });
      socket.on("join", (args, ack) -> {
        String room = args.isEmpty() ? "" : args.get(0).asText();
        socket.join(room);
        socket.data().put(ROOM, room);
        if (ack.requested()) {
          ack.send(true);
        }
      });
      socket.on("fanout", (args, ack) -> {
        if (args.size() >= 2) {
          nsp.to(args.get(0).asText()).emit("tick", args.get(1));
        }
      });
      socket.on("send", (args, ack) -> {
        Object room = socket.data().get(ROOM);
        if (room != null && !args.isEmpty()) {
          socket.to((String) room).emit("msg", args.get(0));
        }
      });
      socket.on("gc", (args, ack) -> {
        System.gc();
        if (ack.requested()) {
          ack.send(true);
        }
      });
    });
  }
}
