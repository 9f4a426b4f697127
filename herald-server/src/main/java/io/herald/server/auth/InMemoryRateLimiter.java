package io.herald.server.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket per key, in this process's memory, kept as one number per key: the bucket's "theoretical arrival
 * time" (GCRA), the instant at which it is full again. Memory stays bounded: a bucket that is full again is the same
 * as no bucket and is dropped, least recently used first, and at most {@code maxKeys} keys are tracked (beyond that
 * the least recently used is dropped, which restarts its limit). Thread-safe; each call holds one lock for a few
 * hash-map operations.
 */
public final class InMemoryRateLimiter implements RateLimiter {
  public static final int DEFAULT_MAX_KEYS = 100_000;
  private static final Logger log = LoggerFactory.getLogger(InMemoryRateLimiter.class);

  private final RateLimit limit;
  private final long intervalNanos;
  private final long burstToleranceNanos;
  private final int maxKeys;
  private final Clock clock;
  private final LinkedHashMap<String, long[]> fullAt;
  private boolean warnedAboutCap;

  public InMemoryRateLimiter(RateLimit limit, Clock clock) {
    this(limit, DEFAULT_MAX_KEYS, clock);
  }

  public InMemoryRateLimiter(RateLimit limit, int maxKeys, Clock clock) {
    if (maxKeys <= 0) {
      throw new IllegalArgumentException("maxKeys: " + maxKeys + " (expected: > 0)");
    }
    this.limit = limit;
    this.intervalNanos = limit.refillInterval().toNanos();
    this.burstToleranceNanos = limit.period().toNanos() - intervalNanos;
    this.maxKeys = maxKeys;
    this.clock = clock;
    this.fullAt = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
        return size() > InMemoryRateLimiter.this.maxKeys && evictingForCap();
      }
    };
  }

  @Override
  public synchronized boolean tryAcquire(String key) {
    long now = nowNanos();
    dropFullBuckets(now);
    long[] entry = fullAt.get(key);
    long start = entry == null ? now : Math.max(entry[0], now);
    if (start - burstToleranceNanos > now) {
      return false;
    }
    if (entry == null) {
      fullAt.put(key, new long[] {start + intervalNanos});
    } else {
      entry[0] = start + intervalNanos;
    }
    return true;
  }

  @Override
  public synchronized Duration retryAfter(String key) {
    long[] entry = fullAt.get(key);
    if (entry == null) {
      return Duration.ZERO;
    }
    long wait = entry[0] - burstToleranceNanos - nowNanos();
    return wait > 0 ? Duration.ofNanos(wait) : Duration.ZERO;
  }

  /** How many keys are tracked now. */
  synchronized int trackedKeys() {
    return fullAt.size();
  }

  @Override
  public String toString() {
    return "InMemoryRateLimiter{" + limit + ", maxKeys=" + maxKeys + "}";
  }

  /**
   * Drops buckets that are full again, least recently used first, stopping at the first that is not: a bucket is full
   * at most one period after its last use, so every bucket unused for a period goes within the next one.
   */
  private void dropFullBuckets(long now) {
    Iterator<long[]> iterator = fullAt.values().iterator();
    while (iterator.hasNext() && iterator.next()[0] <= now) {
      iterator.remove();
    }
  }

  private boolean evictingForCap() {
    if (!warnedAboutCap) {
      warnedAboutCap = true;
      log.warn("Rate limiter {} tracks {} keys; dropping the least recently used (their limits restart)", limit,
          maxKeys);
    }
    return true;
  }

  private long nowNanos() {
    Instant now = clock.instant();
    return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
  }
}
