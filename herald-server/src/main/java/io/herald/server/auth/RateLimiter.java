package io.herald.server.auth;

import java.time.Duration;

/**
 * Limits how often something may happen per key (an IP address, an account). Thread-safe and non-blocking enough for
 * an event loop. The in-memory implementation is {@link InMemoryRateLimiter}; a Redis one shares limits between nodes.
 */
public interface RateLimiter {
  /** Takes one permit for the key; false if the key is over its limit (then nothing is taken). */
  boolean tryAcquire(String key);

  /**
   * How long until {@link #tryAcquire} may succeed for the key: zero if it may now. For the HTTP {@code Retry-After}
   * header, round up to whole seconds.
   */
  Duration retryAfter(String key);

  /** A limiter that always allows, for limits switched off. */
  static RateLimiter unlimited() {
    return new RateLimiter() {
      @Override
      public boolean tryAcquire(String key) {
        return true;
      }

      @Override
      public Duration retryAfter(String key) {
        return Duration.ZERO;
      }

      @Override
      public String toString() {
        return "unlimited";
      }
    };
  }
}
