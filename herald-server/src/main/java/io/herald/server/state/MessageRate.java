package io.herald.server.state;

/**
 * A token bucket bounding how many messages one connection may send: {@code perSecond} on average, in bursts of
 * up to {@code burst}. Not thread-safe: each connection uses its own from its event loop.
 */
final class MessageRate {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  MessageRate(int perSecond, int burst, long nowNanos) {
    if (perSecond <= 0) {
      throw new IllegalArgumentException("perSecond: " + perSecond + " (expected: > 0)");
    }
    if (burst <= 0) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: > 0)");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = nowNanos;
  }

  /** Takes one token if there is one. */
  boolean tryAcquire(long nowNanos) {
    if (nowNanos > last) {
      tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
      last = nowNanos;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
