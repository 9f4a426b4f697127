package io.herald.server.auth;

import io.herald.server.cluster.HeraldRedis;
import io.herald.server.cluster.LuaScript;
import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per key shared by every node through Redis, with the same algorithm as
 * {@link InMemoryRateLimiter} (GCRA: one "full again at" instant per key).
 *
 * <p>{@link #tryAcquire} is called on event loops and must answer at once, so it decides from this node's mirror
 * of the cluster's buckets and never waits for Redis: a permit taken here is also taken in Redis by a Lua script
 * (Redis is the authority: its key expires when the bucket is full again), and the script publishes the key's
 * new state, which every node folds into its mirror. Attempts spread over nodes therefore hit the limit at the
 * same total as on one node, as long as they are more than a round trip to Redis apart; a burst sent to several
 * nodes within that round trip can pass at most one extra permit per node. While Redis is unreachable the mirror
 * is simply this node's own limiter (logged once), so nobody is refused for Redis being away.
 */
public final class RedisRateLimiter implements RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
  private static final LuaScript TAKE = new LuaScript("""
      pcall(redis.replicate_commands)
      local interval, burst = tonumber(ARGV[1]), tonumber(ARGV[2])
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
      local full = tonumber(redis.call('GET', KEYS[1]) or '0')
      local start = math.max(full, now)
      if start - burst <= now then
        full = start + interval
        redis.call('SET', KEYS[1], full, 'PX', full - now)
      end
      redis.call('PUBLISH', ARGV[3], (full - now) .. ' ' .. ARGV[4])
      return full - now
      """);

  private final String name;
  private final RateLimit limit;
  private final HeraldRedis redis;
  private final Clock clock;
  private final int maxKeys;
  private final long intervalMs;
  private final long burstToleranceMs;
  private final String channel;
  /** Key → when its bucket is full again (epoch ms, this node's clock), least recently used first. */
  private final LinkedHashMap<String, Long> fullAt = new LinkedHashMap<>(16, 0.75f, true);
  private boolean local;

  /**
   * @param name the limit's name in Redis keys and channels, such as {@code login-account}
   */
  public RedisRateLimiter(String name, RateLimit limit, HeraldRedis redis, int maxKeys, Clock clock) {
    this.name = name;
    this.limit = limit;
    this.redis = redis;
    this.clock = clock;
    this.maxKeys = maxKeys;
    this.intervalMs = Math.max(1, limit.refillInterval().toMillis());
    this.burstToleranceMs = limit.period().toMillis() - intervalMs;
    this.channel = redis.settings().key("rate:" + name);
    redis.subscribe(channel, this::published);
  }

  @Override
  public boolean tryAcquire(String key) {
    long now = clock.millis();
    synchronized (this) {
      dropFullBuckets(now);
      long start = Math.max(fullAt.getOrDefault(key, now), now);
      if (start - burstToleranceMs > now) {
        return false;
      }
      remember(key, start + intervalMs);
    }
    take(key);
    return true;
  }

  @Override
  public synchronized Duration retryAfter(String key) {
    Long full = fullAt.get(key);
    long wait = full == null ? 0 : full - burstToleranceMs - clock.millis();
    return wait > 0 ? Duration.ofMillis(wait) : Duration.ZERO;
  }

  @Override
  public String toString() {
    return "RedisRateLimiter{" + name + ", " + limit + "}";
  }

  private void take(String key) {
    List<String> args = List.of(Long.toString(intervalMs), Long.toString(burstToleranceMs), channel, key);
    TAKE.run(redis.redis(), List.of(redis.settings().key("rate:" + name + ":" + key)), args).onComplete(done -> {
      if (done.succeeded()) {
        shared();
        fold(key, done.result().toLong());
      } else {
        unshared(done.cause());
      }
    });
  }

  /** {@code <ms until full> <key>}, from any node's take. */
  private void published(String message) {
    int space = message.indexOf(' ');
    if (space > 0) {
      try {
        fold(message.substring(space + 1), Long.parseLong(message.substring(0, space)));
      } catch (NumberFormatException e) {
        log.debug("ignoring a malformed rate message on {}", channel);
      }
    }
  }

  /** Redis says the key's bucket is full again in {@code remainingMs}. */
  private synchronized void fold(String key, long remainingMs) {
    long full = clock.millis() + remainingMs;
    Long known = fullAt.get(key);
    if (known == null || known < full) {
      remember(key, full);
    }
  }

  private void remember(String key, long full) {
    fullAt.put(key, full);
    if (fullAt.size() > maxKeys) {
      Iterator<String> eldest = fullAt.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  /** Buckets full again are the same as none: dropped, least recently used first. */
  private void dropFullBuckets(long now) {
    Iterator<Map.Entry<String, Long>> iterator = fullAt.entrySet().iterator();
    while (iterator.hasNext() && iterator.next().getValue() <= now) {
      iterator.remove();
    }
  }

  private synchronized void unshared(Throwable cause) {
    if (!local) {
      local = true;
      log.warn("rate limit {} cannot reach Redis ({}); counting on this node only until it is back", name,
          cause.getMessage());
    }
  }

  private synchronized void shared() {
    if (local) {
      local = false;
      log.info("rate limit {} is shared through Redis again", name);
    }
  }
}
