package io.herald.server.feature;

import io.herald.core.engineio.EngineOptions;
import io.herald.core.server.SocketServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import java.util.Objects;

/**
 * What features may set before the gateway's servers are built ({@link Feature#configure}): the Socket.IO server's
 * builder, its engine's options and the HTTP server's options. Options a feature does not set keep the library's
 * defaults, which match Node's socket.io.
 */
public final class ServerSetup {
  private final Map<String, String> env;
  private final PrometheusMeterRegistry metrics;
  private final SocketServer.Builder io;
  private final EngineOptions.Builder engine;
  private final HttpServerOptions http;

  public ServerSetup(Map<String, String> env, PrometheusMeterRegistry metrics, SocketServer.Builder io,
      EngineOptions.Builder engine, HttpServerOptions http) {
    this.env = Map.copyOf(env);
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.io = Objects.requireNonNull(io, "io");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.http = Objects.requireNonNull(http, "http");
  }

  /** The settings (environment variables) the gateway runs with. */
  public Map<String, String> env() {
    return env;
  }

  /** The registry {@code GET /metrics} exports. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** The Socket.IO server being set up (its engine options go through {@link #engine()} instead). */
  public SocketServer.Builder io() {
    return io;
  }

  /** The Engine.IO options of the Socket.IO server. */
  public EngineOptions.Builder engine() {
    return engine;
  }

  /** The HTTP server's options (limits, timeouts); the gateway sets host and port itself. */
  public HttpServerOptions http() {
    return http;
  }

  /** The Socket.IO server with everything the features set. */
  public SocketServer build() {
    return io.engine(engine.build()).build();
  }
}
