package io.herald.server.auth;

import io.herald.server.cluster.HeraldRedis;
import java.time.Clock;
import java.util.Map;

/**
 * {@link RateLimits} for a cluster: the limits that must hold across nodes, logins per account and per address
 * and socket authentications per address, are {@link RedisRateLimiter}s; socket authentications per account (a
 * flood guard, not a guessing guard) stay on each node. Same variables and defaults as {@link RateLimits}.
 */
public final class RedisRateLimits {
  private RedisRateLimits() {}

  public static RateLimits fromEnv(Map<String, String> env, Clock clock, HeraldRedis redis) {
    RateLimits local = RateLimits.fromEnv(env, clock); // validates every variable
    int maxKeys = maxKeys(env);
    return new RateLimits(
        shared(env, "HERALD_RATE_LOGIN_PER_IP", RateLimits.LOGIN_PER_IP, "login-ip", local.loginPerIp(),
            redis, maxKeys, clock),
        shared(env, "HERALD_RATE_LOGIN_PER_ACCOUNT", RateLimits.LOGIN_PER_ACCOUNT, "login-account",
            local.loginPerAccount(), redis, maxKeys, clock),
        shared(env, "HERALD_RATE_SOCKET_AUTH_PER_IP", RateLimits.SOCKET_AUTH_PER_IP, "socket-auth-ip",
            local.socketAuthPerIp(), redis, maxKeys, clock),
        local.socketAuthPerAccount());
  }

  private static RateLimiter shared(Map<String, String> env, String variable, RateLimit fallback, String name,
      RateLimiter local, HeraldRedis redis, int maxKeys, Clock clock) {
    if (!(local instanceof InMemoryRateLimiter)) {
      return local; // "off"
    }
    String value = env.get(variable);
    RateLimit limit = value == null || value.isBlank() ? fallback : RateLimit.parse(value);
    return new RedisRateLimiter(name, limit, redis, maxKeys, clock);
  }

  private static int maxKeys(Map<String, String> env) {
    String value = env.get("HERALD_RATE_MAX_KEYS");
    return value == null || value.isBlank() ? InMemoryRateLimiter.DEFAULT_MAX_KEYS : Integer.parseInt(value.strip());
  }
}
