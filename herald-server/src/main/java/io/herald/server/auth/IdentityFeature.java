package io.herald.server.auth;

import io.herald.core.server.Namespace;
import io.herald.server.feature.Feature;
import io.herald.server.feature.FeatureContext;
import io.herald.server.feature.ServerSetup;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Users and tokens: the user store, the auth REST API ({@code /auth/*}), the connection policy of every namespace
 * ({@code /} takes anonymous sockets, {@link #PROTECTED_NAMESPACES} only verified ones), live enforcement of expiry
 * and revocation on every node, and the first administrator. Provides {@link AuthServices}, {@link LiveSessions}
 * and {@link SocketAuth} to the features after it.
 */
public final class IdentityFeature implements Feature {
  /** Namespaces that only verified users may join. */
  public static final List<String> PROTECTED_NAMESPACES = List.of("/image-processing", "/media", "/notifications");

  @Override
  public String name() {
    return "identity";
  }

  @Override
  public void configure(ServerSetup setup) {
    setup.io().credentialFields(TokenCarriers.CREDENTIAL_FIELDS); // tokens never show in handshakes or logs
  }

  @Override
  public void install(FeatureContext context) {
    Map<String, String> env = context.env();
    UserRepository users = new JdbcUserRepository(context.database().dataSource());
    PasswordHasher hasher = new Argon2PasswordHasher();
    TokenService tokens = new JwtTokenService(TokenSettings.fromEnv(env, context.dataDir()), context.clock());
    Authenticator authenticator = new Authenticator(tokens, users, externalUsers(env));
    RateLimits limits = context.cluster()
        .map(cluster -> RedisRateLimits.fromEnv(env, context.clock(), cluster.redis())) // shared by every node
        .orElseGet(() -> RateLimits.fromEnv(env, context.clock()));
    AuthServices services = new AuthServices(context.vertx(), context.blocking(), users, hasher, tokens,
        authenticator, limits, context.events(), context.clock());
    AdminBootstrap.apply(env, users, hasher);

    LiveSessions live = new LiveSessions(context.vertx(), context.clock());
    SocketAuth socketAuth = new SocketAuth(services, live);
    Namespace root = context.io().of("/").use(socketAuth.optional());
    Revocations.install(context.events(), live, root);
    for (String name : PROTECTED_NAMESPACES) {
      context.io().of(name).use(socketAuth.required());
    }
    new AuthRoutes(services).mount(context.router());

    context.provide(AuthServices.class, services);
    context.provide(LiveSessions.class, live);
    context.provide(SocketAuth.class, socketAuth);
  }

  private static Authenticator.ExternalUsers externalUsers(Map<String, String> env) {
    String value = env.getOrDefault("HERALD_JWKS_USERS", "require");
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "require", "require-existing" -> Authenticator.ExternalUsers.REQUIRE_EXISTING;
      case "create", "create-on-first-sight" -> Authenticator.ExternalUsers.CREATE_ON_FIRST_SIGHT;
      default -> throw new IllegalArgumentException("HERALD_JWKS_USERS: " + value + " (expected: require or create)");
    };
  }
}
