package io.herald.server.feature;

import io.herald.core.server.SocketServer;
import io.herald.server.cluster.GatewayCluster;
import io.herald.server.events.DomainEvents;
import io.herald.server.storage.Blocking;
import io.herald.server.storage.DataDirectory;
import io.herald.server.storage.Database;
import io.herald.server.storage.StorageSettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a {@link Feature} gets to install itself: the Socket.IO server, the HTTP router, the settings, storage, the
 * cluster, the domain-event bus, metrics and health, and the services earlier features provided.
 *
 * <p>Services ({@link #provide}, {@link #require}) are for capabilities every feature needs and one owns, such as
 * checking a token ({@code AuthServices}, provided by the identity feature); what a feature does that another reacts
 * to goes through {@link #events()}, never through a service.
 */
public final class FeatureContext implements AutoCloseable {
  private final Vertx vertx;
  private final SocketServer io;
  private final Router router;
  private final Map<String, String> env;
  private final Path dataDir;
  private final Clock clock;
  private final GatewayCluster cluster;
  private final PrometheusMeterRegistry metrics;
  private final DomainEvents events = new DomainEvents();
  private final HealthDetails health = new HealthDetails();
  private final Blocking blocking = new Blocking();
  private final Map<Class<?>, Object> services = new ConcurrentHashMap<>();
  private Database database;

  /**
   * @param cluster this node's Redis cluster membership, {@code null} when it runs alone
   */
  public FeatureContext(Vertx vertx, SocketServer io, Router router, Map<String, String> env, Path dataDir,
      Clock clock, GatewayCluster cluster, PrometheusMeterRegistry metrics) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.io = Objects.requireNonNull(io, "io");
    this.router = Objects.requireNonNull(router, "router");
    this.env = Map.copyOf(env);
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.cluster = cluster;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public Vertx vertx() {
    return vertx;
  }

  public SocketServer io() {
    return io;
  }

  /** The HTTP routes; routes are matched in the order features add them. */
  public Router router() {
    return router;
  }

  /** The settings (environment variables) the gateway runs with. */
  public Map<String, String> env() {
    return env;
  }

  /** Where the embedded database, generated secrets and local files live ({@code HERALD_DATA_DIR}). */
  public Path dataDir() {
    return dataDir;
  }

  public Clock clock() {
    return clock;
  }

  /** This node's membership in a cluster of gateways on one Redis; empty when it runs alone. */
  public Optional<GatewayCluster> cluster() {
    return Optional.ofNullable(cluster);
  }

  /** How features tell each other what happened. */
  public DomainEvents events() {
    return events;
  }

  /** The registry {@code GET /metrics} exports. */
  public PrometheusMeterRegistry metrics() {
    return metrics;
  }

  /** What {@code GET /health} reports besides the Socket.IO server. */
  public HealthDetails health() {
    return health;
  }

  /** Runs blocking work (JDBC, hashing, file I/O) off the event loops. */
  public Blocking blocking() {
    return blocking;
  }

  /**
   * The database (H2 under the data directory, or {@code HERALD_JDBC_URL}), opened and migrated to the base schema
   * on first use; a feature with tables of its own also calls {@link Database#migrate(String)}.
   */
  public synchronized Database database() {
    if (database == null) {
      database = Database.open(StorageSettings.fromEnv(env, DataDirectory.prepare(dataDir)));
    }
    return database;
  }

  /** Makes {@code service} available to the features installed after this one. */
  public <T> void provide(Class<T> type, T service) {
    Object before = services.putIfAbsent(type, Objects.requireNonNull(service, "service"));
    if (before != null) {
      throw new IllegalStateException(type.getSimpleName() + " is provided twice (expected: one feature owns it)");
    }
  }

  /** A service an earlier feature provided. */
  public <T> Optional<T> find(Class<T> type) {
    return Optional.ofNullable(type.cast(services.get(type)));
  }

  /** @throws IllegalStateException naming the missing service when no earlier feature provided it */
  public <T> T require(Class<T> type) {
    return find(type).orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName()
        + " in this gateway (expected: the feature that provides it listed before the one that needs it)"));
  }

  /** Closes the database, if it was opened, and the blocking executor. */
  @Override
  public synchronized void close() {
    try {
      blocking.close();
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }
}
