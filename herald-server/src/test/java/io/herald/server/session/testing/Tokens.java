package io.herald.server.session.testing;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Hand-made tokens for the identity tests: claims as the gateway issues them, then bent one way. */
public final class Tokens {
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Tokens() {}

  /** The claims of a current token of {@code user}, valid for {@code lifetime}. */
  public static Map<String, Object> claims(RegisteredUser user, Duration lifetime) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new HashMap<>();
    claims.put("sub", user.id());
    claims.put("email", user.email());
    claims.put("roles", List.of("user"));
    claims.put("tokenVersion", 0);
    claims.put("iat", now);
    claims.put("exp", now + lifetime.toSeconds());
    return claims;
  }

  /** A valid token of {@code user} that lives longer than the gateway's own. */
  public static String fresh(IdentityGateway gateway, RegisteredUser user, Duration lifetime) {
    return gateway.signToken(claims(user, lifetime));
  }

  /** A token of {@code user} that expired an hour ago (well past any clock skew). */
  public static String expired(IdentityGateway gateway, RegisteredUser user) {
    Map<String, Object> claims = claims(user, Duration.ofMinutes(10));
    long now = Instant.now().getEpochSecond();
    claims.put("iat", now - 7200);
    claims.put("exp", now - 3600);
    return gateway.signToken(claims);
  }

  /** A well-signed token of a user the gateway has never heard of. */
  public static String unknownUser(IdentityGateway gateway) {
    return gateway.signToken(claims(new RegisteredUser("no-such-user-" + System.nanoTime(), "ghost@example.com", null),
        Duration.ofMinutes(10)));
  }

  /** An unsigned token: {@code {"alg":"none"}}, the claims, and an empty signature. */
  public static String unsigned(RegisteredUser user) {
    String header = BASE64URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims = BASE64URL.encodeToString(
        new JsonObject(claims(user, Duration.ofMinutes(10))).encode().getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + ".";
  }

  /** The {@code exp} claim of a token. */
  public static Instant expiry(String token) {
    String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    return Instant.ofEpochSecond(new JsonObject(claims).getLong("exp"));
  }
}
