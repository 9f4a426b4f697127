package io.herald.server.conformance;

import io.herald.core.engineio.CorsPolicy;
import io.herald.core.engineio.EngineOptions;
import io.herald.core.engineio.EngineServer;
import io.herald.core.server.Namespace;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;
import io.herald.server.feature.ServerSetup;
import java.time.Duration;
import java.util.Map;

/**
 * The server the Socket.IO and Engine.IO protocol test suites expect: short timers, echo handlers, and a bare
 * Engine.IO echo server at {@code /engine.io/}; every other option is the library's default. Only installed with
 * {@code --profile conformance}.
 */
public final class ConformanceFeature implements Feature {
  public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(1000);

  @Override
  public String name() {
    return "conformance";
  }

  @Override
  public void configure(ServerSetup setup) {
    engineOptions(setup.engine());
    setup.io().connectTimeout(CONNECT_TIMEOUT);
  }

  /** The suites' heartbeat, payload and CORS settings, for the Socket.IO server and the bare Engine.IO one. */
  private static EngineOptions.Builder engineOptions(EngineOptions.Builder engine) {
    return engine
        .pingInterval(Duration.ofMillis(300))
        .pingTimeout(Duration.ofMillis(200))
        .maxPayload(1_000_000)
        .cors(CorsPolicy.anyOrigin());
  }

  @Override
  public void install(FeatureContext context) {
    Namespace root = context.io().of("/");
    root.onConnection(socket -> {
      socket.emit("auth", socket.handshake().auth());
      socket.on("message", (args, ack) -> socket.emit("message-back", args.toArray()));
      socket.on("message-with-ack", (args, ack) -> ack.send(args.toArray()));
    });
    context.io().of("/custom").onConnection(socket -> socket.emit("auth", socket.handshake().auth()));
    Namespace refused = context.io().of("/refused");
    refused.use((socket, next) -> next.refuse("refused by middleware", Map.of("code", "REFUSED", "reason", "test")));

    EngineServer echo = new EngineServer(engineOptions(EngineOptions.builder()).build(), connection ->
        connection.messageHandler(connection::send));
    context.router().route("/engine.io/*").handler(ctx -> echo.handle(ctx.request()));
  }
}
