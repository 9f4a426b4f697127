package io.herald.server.app;

import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.herald.server.auth.AdminBootstrap;
import io.herald.server.auth.Argon2PasswordHasher;
import io.herald.server.auth.AuthRoutes;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.Authenticator;
import io.herald.server.auth.JdbcUserRepository;
import io.herald.server.auth.JwtTokenService;
import io.herald.server.auth.LiveSessions;
import io.herald.server.auth.PasswordHasher;
import io.herald.server.auth.RateLimits;
import io.herald.server.auth.RedisRateLimits;
import io.herald.server.auth.SocketAuth;
import io.herald.server.auth.TokenService;
import io.herald.server.auth.TokenSettings;
import io.herald.server.auth.UserRepository;
import io.herald.server.auth.Revocations;
import io.herald.server.cluster.GatewayCluster;
import io.herald.server.events.DomainEvents;
import io.herald.server.presence.LocalPresence;
import io.herald.server.presence.Presence;
import io.herald.server.presence.PresenceAnnouncer;
import io.herald.server.presence.PresenceEvents;
import io.herald.server.presence.RedisPresence;
import io.herald.server.session.SessionEvents;
import io.herald.server.state.EmotionSocket;
import io.herald.server.state.JdbcEmotionRepository;
import io.herald.server.storage.Blocking;
import io.herald.server.storage.DataDirectory;
import io.herald.server.storage.Database;
import io.herald.server.storage.StorageSettings;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Users, tokens and who is connected: storage, the auth REST API, the connection policy of every namespace,
 * the session events of {@code /}, live enforcement and the plain WebSocket endpoint {@code /api/ws}.
 */
final class IdentityFeatures implements Features {
  /** Namespaces that only verified users may join. */
  static final List<String> PROTECTED_NAMESPACES = List.of("/image-processing", "/media", "/notifications");

  private final Database database;
  private final Blocking blocking;
  private final EmotionSocket emotionSocket;
  private final Presence presence;

  private IdentityFeatures(Database database, Blocking blocking, EmotionSocket emotionSocket, Presence presence) {
    this.database = database;
    this.blocking = blocking;
    this.emotionSocket = emotionSocket;
    this.presence = presence;
  }

  /** Installs the features; with a {@code cluster}, presence and the cross-node rate limits live in Redis. */
  static IdentityFeatures install(Vertx vertx, SocketServer io, Router router, GatewayConfig config,
      GatewayCluster cluster) {
    Map<String, String> env = config.env();
    Clock clock = Clock.systemUTC();
    Database database = Database.open(StorageSettings.fromEnv(env, DataDirectory.prepare(config.dataDir())));
    Blocking blocking = new Blocking();
    try {
      UserRepository users = new JdbcUserRepository(database.dataSource());
      PasswordHasher hasher = new Argon2PasswordHasher();
      TokenService tokens = new JwtTokenService(TokenSettings.fromEnv(env, config.dataDir()), clock);
      Authenticator authenticator = new Authenticator(tokens, users, externalUsers(env));
      DomainEvents events = new DomainEvents();
      AuthServices services = new AuthServices(vertx, blocking, users, hasher, tokens, authenticator,
          cluster == null ? RateLimits.fromEnv(env, clock) : RedisRateLimits.fromEnv(env, clock, cluster.redis()),
          events, clock);
      AdminBootstrap.apply(env, users, hasher);

      LiveSessions live = new LiveSessions(vertx, clock);
      SocketAuth socketAuth = new SocketAuth(services, live);
      Namespace root = io.of("/").use(socketAuth.optional());
      Revocations.install(events, live, root);
      SessionEvents sessionEvents = new SessionEvents(services, live);
      sessionEvents.install(root);
      for (String name : PROTECTED_NAMESPACES) {
        sessionEvents.installRenewal(io.of(name).use(socketAuth.required()));
      }
      PresenceAnnouncer announcer = new PresenceAnnouncer(root, clock);
      Presence presence = cluster == null ? new LocalPresence(announcer)
          : new RedisPresence(vertx, cluster.redis().redis(), cluster.settings(), cluster.nodeId(), announcer);
      new PresenceEvents(presence).install(root, events);

      new AuthRoutes(services).mount(router);
      EmotionSocket emotionSocket = new EmotionSocket(services, new JdbcEmotionRepository(database.dataSource()), live, root);
      emotionSocket.mount(router);
      return new IdentityFeatures(database, blocking, emotionSocket, presence);
    } catch (RuntimeException | Error e) {
      blocking.close();
      database.close();
      throw e;
    }
  }

  private static Authenticator.ExternalUsers externalUsers(Map<String, String> env) {
    String value = env.getOrDefault("HERALD_JWKS_USERS", "require");
    return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
      case "require", "require-existing" -> Authenticator.ExternalUsers.REQUIRE_EXISTING;
      case "create", "create-on-first-sight" -> Authenticator.ExternalUsers.CREATE_ON_FIRST_SIGHT;
      default -> throw new IllegalArgumentException("HERALD_JWKS_USERS: " + value + " (expected: require or create)");
    };
  }

  @Override
  public void drain() {
    emotionSocket.closeAll();
    presence.close();
  }

  @Override
  public void close() {
    blocking.close();
    database.close();
  }
}
