package io.herald.server.app;

import io.herald.core.adapter.AdapterFactory;
import io.herald.core.engineio.EngineOptions;
import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.herald.server.cluster.ClusterSettings;
import io.herald.server.cluster.GatewayCluster;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;
import io.herald.server.feature.ServerSetup;
import io.herald.server.http.HttpErrors;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway: one Vert.x instance, one Socket.IO server and the HTTP routes, on one port. The composition root: it
 * builds what every feature shares ({@link FeatureContext}) and installs the features of its profile
 * ({@link Profiles}); everything the gateway serves comes from a {@link Feature}.
 */
public final class Gateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

  private final GatewayConfig config;
  private final Vertx vertx;
  private final SocketServer io;
  private final int port;
  private final List<Feature> features;
  private final FeatureContext context;
  private final GatewayCluster cluster;
  private final ShutdownGate gate;
  private volatile boolean closed;

  private Gateway(GatewayConfig config, Vertx vertx, SocketServer io, int port, List<Feature> features,
      FeatureContext context, GatewayCluster cluster, ShutdownGate gate) {
    this.config = config;
    this.vertx = vertx;
    this.io = io;
    this.port = port;
    this.features = List.copyOf(features);
    this.context = context;
    this.cluster = cluster;
    this.gate = gate;
  }

  /** Starts the gateway with the features of its profile and waits until it listens. */
  public static Gateway start(GatewayConfig config) {
    return start(config, Profiles.features(config.profile()));
  }

  /** Starts the gateway with these features, installed in this order, and waits until it listens. */
  public static Gateway start(GatewayConfig config, List<Feature> features) {
    boolean preferNative = NativeTransport.preferred(config.env()); // HERALD_NATIVE_TRANSPORT: epoll, else NIO
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())
        .setPreferNativeTransport(preferNative));
    NativeTransport.log(vertx, preferNative);
    GatewayCluster cluster = null;
    FeatureContext context = null;
    try {
      // HERALD_REDIS_URL: the Redis adapter instead of the memory one; connects in the background
      cluster = ClusterSettings.fromEnv(config.env()).map(settings -> GatewayCluster.start(vertx, settings))
          .orElse(null);
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      ServerSetup setup = new ServerSetup(config.env(), metrics, SocketServer.builder(vertx)
          .adapter(cluster == null ? AdapterFactory.MEMORY : cluster.adapterFactory()),
          EngineOptions.builder(), new HttpServerOptions());
      features.forEach(feature -> feature.configure(setup));
      SocketServer io = setup.build();
      Router router = Router.router(vertx);
      context = new FeatureContext(vertx, io, router, config.env(), config.dataDir(), Clock.systemUTC(), cluster,
          metrics);
      for (Feature feature : features) {
        install(feature, context);
      }
      router.route().last().handler(ctx -> HttpErrors.send(ctx, 404, "not_found", "no route for "
          + ctx.request().method() + " " + ctx.request().path()));
      router.route().failureHandler(HttpErrors::failureHandler);
      ShutdownGate gate = new ShutdownGate(io.path(), ShutdownGate.deadline(config.env()));
      Handler<HttpServerRequest> handler = gate.guard(io.requestHandler(router));
      // HTTP/1.1 only: WebSocket needs it, and without h2c detection a connection is set up when it opens, so the
      // header deadline (slowloris) starts then instead of after the headers it is meant to time
      HttpServerOptions http = io.httpOptions(setup.http())
          .setHttp2ClearTextEnabled(false)
          .setHost(config.host());
      int port = listen(vertx, http, handler, config);
      return new Gateway(config, vertx, io, port, features, context, cluster, gate);
    } catch (RuntimeException | Error e) {
      closeQuietly(features, context);
      if (cluster != null) {
        cluster.close();
      }
      vertx.close();
      throw e;
    }
  }

  private static void install(Feature feature, FeatureContext context) {
    try {
      feature.install(context);
    } catch (RuntimeException e) {
      log.error("feature {} failed to install: {}", feature.name(), e.getMessage());
      throw e;
    }
  }

  /** Closes the features, last installed first, then what they shared. */
  private static void closeQuietly(List<Feature> features, FeatureContext context) {
    for (Feature feature : features.reversed()) {
      try {
        feature.close();
      } catch (RuntimeException e) {
        log.warn("closing {} failed: {}", feature.name(), e.getMessage());
      }
    }
    if (context != null) {
      context.close();
    }
  }

  private static int listen(Vertx vertx, HttpServerOptions http, Handler<HttpServerRequest> handler,
      GatewayConfig config) {
    // Vert.x shares one listening socket among servers of the same host and port; a negative port asks for
    // one random port shared by all of them, where 0 would give each server its own.
    HttpServerOptions shared = new HttpServerOptions(http).setPort(config.port() == 0 ? -1 : config.port());
    HeaderDeadline headerDeadline = HeaderDeadline.fromEnv(config.env()); // slowloris
    List<HttpVerticle> verticles = new CopyOnWriteArrayList<>();
    await(vertx.deployVerticle(() -> {
      HttpVerticle verticle = new HttpVerticle(shared, handler, headerDeadline);
      verticles.add(verticle);
      return verticle;
    }, new DeploymentOptions().setInstances(config.eventLoops())));
    return verticles.get(0).actualPort();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("gateway failed to start: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("gateway did not start within " + START_TIMEOUT.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  public int port() {
    return port;
  }

  public GatewayConfig config() {
    return config;
  }

  public SocketServer io() {
    return io;
  }

  /**
   * Shuts down gracefully: refuses new connections ({@link ShutdownGate}), tells every socket
   * {@code system.maintenance}, disconnects them, waits up to {@code HERALD_SHUTDOWN_DEADLINE} (default 10 s) for the
   * connections to close, then stops listening and releases everything.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + gate.deadline().toNanos();
    gate.close();
    Map<String, Object> notice = Map.of(
        "message", "Server is shutting down for maintenance",
        "timestamp", Instant.now().toString());
    for (Namespace namespace : io.namespaces()) {
      namespace.emit("system.maintenance", notice);
    }
    for (Feature feature : features.reversed()) {
      feature.drain();
    }
    try {
      io.close().toCompletionStage().toCompletableFuture()
          .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      while (io.clientsCount() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      if (io.clientsCount() > 0) {
        log.warn("shutdown deadline reached with {} connections still open; closing them", io.clientsCount());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("graceful shutdown incomplete: {}", e.toString());
    } finally {
      if (cluster != null) {
        cluster.close();
      }
      await(vertx.close());
      closeQuietly(features, context);
    }
  }
}
