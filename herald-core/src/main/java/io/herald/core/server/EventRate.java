package io.herald.core.server;

import io.herald.core.internal.TokenBucket;
import java.time.Duration;

/**
 * How many events one socket may send: a token bucket, and a watch on sustained excess. Excess is sustained when
 * events keep being dropped, none more than a second after the previous drop, for {@code disconnectAfter}.
 * Used on the socket's context only.
 */
final class EventRate {
  /** What to do with one incoming event. */
  enum Verdict {
    /** Handle it. */
    ALLOW,
    /** Drop it. */
    DROP,
    /** Drop it and disconnect the socket: it has sent too much for too long. */
    DISCONNECT
  }

  private static final long SECOND = 1_000_000_000L;

  private final TokenBucket bucket;
  private final long disconnectAfterNanos;
  private boolean dropping;
  private long overSince;
  private long lastDrop;
  private long lastNotice;
  private boolean noticeSent;

  EventRate(int perSecond, int burst, Duration disconnectAfter) {
    this.bucket = new TokenBucket(perSecond, burst, System.nanoTime());
    this.disconnectAfterNanos = disconnectAfter.toNanos();
  }

  Verdict next(long now) {
    if (bucket.tryTake(now)) {
      return Verdict.ALLOW;
    }
    if (!dropping || now - lastDrop > SECOND) {
      dropping = true;
      overSince = now;
    }
    lastDrop = now;
    if (now - overSince >= disconnectAfterNanos) {
      return Verdict.DISCONNECT;
    }
    return Verdict.DROP;
  }

  /** Whether to tell the client about a dropped event that asked for no acknowledgement: at most once a second. */
  boolean shouldNotify(long now) {
    if (noticeSent && now - lastNotice < SECOND) {
      return false;
    }
    noticeSent = true;
    lastNotice = now;
    return true;
  }

  /** How long the current excess has lasted, in milliseconds. */
  long excessMillis(long now) {
    return dropping ? (now - overSince) / 1_000_000 : 0;
  }
}
