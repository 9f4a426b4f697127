package io.herald.core.internal;

/**
 * A token bucket: {@code perSecond} tokens a second on average, in bursts of up to {@code capacity}. Starts full.
 * Thread-safe. Internal to Herald: not part of its public API.
 */
public final class TokenBucket {
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  public TokenBucket(double perSecond, double capacity, long nowNanos) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.perNano = perSecond / 1e9;
    this.capacity = capacity;
    this.tokens = capacity;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  public synchronized boolean tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whether the bucket has refilled completely: nobody has used it for a while. */
  public synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= capacity;
  }

  private void refill(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(capacity, tokens + (nowNanos - last) * perNano);
      last = nowNanos;
    }
  }
}
