package io.herald.server.auth;

import java.time.Clock;
import java.util.Map;

/**
 * The limits Herald applies to authentication, each a token bucket per key. Each attempt takes a permit, whether it
 * succeeds or not. Defaults, chosen to stop password guessing and token floods without refusing real people behind a
 * shared (NAT) address or a fleet of tabs reconnecting after a deploy:
 *
 * <ul>
 *   <li>{@code loginPerIp}: 20 per minute per client IP ({@code HERALD_RATE_LOGIN_PER_IP=20/1m}).
 *   <li>{@code loginPerAccount}: 5 per minute per e-mail address ({@code HERALD_RATE_LOGIN_PER_ACCOUNT=5/1m}): with
 *       Argon2id, a few thousand guesses a day at most for one account.
 *   <li>{@code socketAuthPerIp}: 120 per minute per client IP ({@code HERALD_RATE_SOCKET_AUTH_PER_IP=120/1m}): token
 *       checks are cheap, but each reaches the user store.
 *   <li>{@code socketAuthPerAccount}: 30 per minute per user id ({@code HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT=30/1m}):
 *       room for many tabs and devices reconnecting at once.
 * </ul>
 *
 * <p>Each variable takes {@code <permits>/<period>} (see {@link RateLimit#parse}) or {@code off}.
 * {@code HERALD_RATE_MAX_KEYS} caps the keys each limiter tracks (default 100000). Key IPv6 clients by their /64
 * prefix, or one client can spread over many keys.
 */
public record RateLimits(RateLimiter loginPerIp, RateLimiter loginPerAccount, RateLimiter socketAuthPerIp,
    RateLimiter socketAuthPerAccount) {
  public static final RateLimit LOGIN_PER_IP = RateLimit.parse("20/1m");
  public static final RateLimit LOGIN_PER_ACCOUNT = RateLimit.parse("5/1m");
  public static final RateLimit SOCKET_AUTH_PER_IP = RateLimit.parse("120/1m");
  public static final RateLimit SOCKET_AUTH_PER_ACCOUNT = RateLimit.parse("30/1m");

  /** In-memory limiters with the default limits. */
  public static RateLimits defaults(Clock clock) {
    return fromEnv(Map.of(), clock);
  }

  /**
   * In-memory limiters, each from its {@code HERALD_RATE_*} variable or the default.
   *
   * @throws IllegalArgumentException naming the variable whose value has the wrong form
   */
  public static RateLimits fromEnv(Map<String, String> env, Clock clock) {
    int maxKeys = maxKeys(env.get("HERALD_RATE_MAX_KEYS"));
    return new RateLimits(
        limiter(env, "HERALD_RATE_LOGIN_PER_IP", LOGIN_PER_IP, maxKeys, clock),
        limiter(env, "HERALD_RATE_LOGIN_PER_ACCOUNT", LOGIN_PER_ACCOUNT, maxKeys, clock),
        limiter(env, "HERALD_RATE_SOCKET_AUTH_PER_IP", SOCKET_AUTH_PER_IP, maxKeys, clock),
        limiter(env, "HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT", SOCKET_AUTH_PER_ACCOUNT, maxKeys, clock));
  }

  private static RateLimiter limiter(Map<String, String> env, String name, RateLimit fallback, int maxKeys,
      Clock clock) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return new InMemoryRateLimiter(fallback, maxKeys, clock);
    }
    if (value.strip().equalsIgnoreCase("off")) {
      return RateLimiter.unlimited();
    }
    try {
      return new InMemoryRateLimiter(RateLimit.parse(value), maxKeys, clock);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static int maxKeys(String value) {
    if (value == null || value.isBlank()) {
      return InMemoryRateLimiter.DEFAULT_MAX_KEYS;
    }
    try {
      int maxKeys = Integer.parseInt(value.strip());
      if (maxKeys > 0) {
        return maxKeys;
      }
    } catch (NumberFormatException e) {
      // the message below says what is expected
    }
    throw new IllegalArgumentException("HERALD_RATE_MAX_KEYS: " + value + " (expected: a number > 0)");
  }
}
