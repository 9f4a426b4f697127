package io.herald.server.app;

import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.herald.server.auth.AdminBootstrap;
import io.herald.server.auth.Argon2PasswordHasher;
import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.AuthRoutes;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.Authenticator;
import io.herald.server.auth.JdbcUserRepository;
import io.herald.server.auth.JwtTokenService;
import io.herald.server.auth.LiveSessions;
import io.herald.server.auth.PasswordHasher;
import io.herald.server.auth.RateLimits;
import io.herald.server.auth.SocketAuth;
import io.herald.server.auth.TokenService;
import io.herald.server.auth.TokenSettings;
import io.herald.server.auth.UserRepository;
import io.herald.server.auth.UserRevoked;
import io.herald.server.events.DomainEvents;
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

  private IdentityFeatures(Database database, Blocking blocking, EmotionSocket emotionSocket) {
    this.database = database;
    this.blocking = blocking;
    this.emotionSocket = emotionSocket;
  }

  static IdentityFeatures install(Vertx vertx, SocketServer io, Router router, GatewayConfig config) {
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
          RateLimits.fromEnv(env, clock), events, clock);
      AdminBootstrap.apply(env, users, hasher);

      LiveSessions live = new LiveSessions(vertx, clock);
      events.subscribe(UserRevoked.class,
          revoked -> live.revokeUser(revoked.userId(), AuthFailure.Code.TOKEN_REVOKED, "token revoked: " + revoked.reason()));

      SocketAuth socketAuth = new SocketAuth(services, live);
      Namespace root = io.of("/").use(socketAuth.optional());
      PROTECTED_NAMESPACES.forEach(name -> io.of(name).use(socketAuth.required()));
      new SessionEvents(services, live).install(root);

      new AuthRoutes(services).mount(router);
      EmotionSocket emotionSocket = new EmotionSocket(services, new JdbcEmotionRepository(database.dataSource()), live, root);
      emotionSocket.mount(router);
      return new IdentityFeatures(database, blocking, emotionSocket);
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
  }

  @Override
  public void close() {
    blocking.close();
    database.close();
  }
}
