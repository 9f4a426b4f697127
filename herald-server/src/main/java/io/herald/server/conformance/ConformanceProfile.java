package io.herald.server.conformance;

import io.herald.core.engineio.CorsPolicy;
import io.herald.core.engineio.EngineOptions;
import io.herald.core.engineio.EngineServer;
import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.Map;

/**
 * The server the Socket.IO and Engine.IO protocol test suites expect: short timers, echo handlers, and a bare
 * Engine.IO echo server at {@code /engine.io/}. Only installed with {@code --profile conformance}.
 */
public final class ConformanceProfile {
  public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

  private ConformanceProfile() {}

  public static EngineOptions engineOptions() {
    return EngineOptions.builder()
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxPayload(1_000_000)
        .cors(CorsPolicy.anyOrigin())
        .build();
  }

  public static void install(SocketServer io, Router router) {
    io.of("/").onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
      socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
    });
    io.of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    Namespace refused = io.of("/refused");
    refused.use((socket, next) -> next.refuse("refused by middleware", Map.of("code", "REFUSED", "reason", "test")));

    EngineServer echo = new EngineServer(engineOptions(), connection ->
        connection.messageHandler(connection::send));
    router.route("/engine.io/*").handler(ctx -> echo.handle(ctx.request()));
  }
}
