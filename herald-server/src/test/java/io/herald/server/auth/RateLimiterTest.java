package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final RateTestClock clock = new RateTestClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final InMemoryRateLimiter limiter = new InMemoryRateLimiter(RateLimit.parse("5/1m"), clock);

  @Test
  void allowsABurstUpToTheCapacityThenRefuses() {
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).as("attempt %d", i + 1).isTrue();
    }

    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void refillsOnePermitPerIntervalAsTheClockMoves() {
    drain("10.0.0.1");

    clock.advance(Duration.ofSeconds(11));
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
    assertThat(limiter.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(1));
    assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();

    clock.advance(Duration.ofMinutes(1));
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("10.0.0.1")).isTrue();
    }
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
  }

  @Test
  void keepsKeysIndependent() {
    drain("10.0.0.1");

    assertThat(limiter.tryAcquire("10.0.0.2")).isTrue();
    assertThat(limiter.retryAfter("10.0.0.2")).isZero();
    assertThat(limiter.tryAcquire("10.0.0.1")).isFalse();
  }

  @Test
  void saysNoWaitIsNeededForAnUnknownKey() {
    assertThat(limiter.retryAfter("never-seen")).isZero();
  }

  @Test
  void forgetsKeysOnceTheirBucketIsFullAgain() {
    drain("10.0.0.1");
    limiter.tryAcquire("10.0.0.2");
    assertThat(limiter.trackedKeys()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(1));
    limiter.tryAcquire("10.0.0.3");

    assertThat(limiter.trackedKeys()).isEqualTo(1);
  }

  @Test
  void tracksNoMoreKeysThanItsCapDroppingTheLeastRecentlyUsed() {
    InMemoryRateLimiter capped = new InMemoryRateLimiter(RateLimit.parse("1/1h"), 3, clock);

    for (String key : List.of("a", "b", "c", "d")) {
      capped.tryAcquire(key);
    }

    assertThat(capped.trackedKeys()).isEqualTo(3);
    assertThat(capped.tryAcquire("a")).as("a was dropped, so its limit restarted").isTrue();
    assertThat(capped.tryAcquire("d")).isFalse();
  }

  @Test
  void neverHandsOutMorePermitsThanTheCapacityUnderContention() throws Exception {
    InMemoryRateLimiter shared = new InMemoryRateLimiter(RateLimit.parse("100/1h"), clock);
    List<Callable<Integer>> workers = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      workers.add(() -> {
        int granted = 0;
        for (int i = 0; i < 1_000; i++) {
          granted += shared.tryAcquire("hot-key") ? 1 : 0;
          shared.tryAcquire("key-" + i);
        }
        return granted;
      });
    }
    int granted = 0;
    try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
      for (Future<Integer> result : pool.invokeAll(workers)) {
        granted += result.get();
      }
    }

    assertThat(granted).isEqualTo(100);
  }

  private void drain(String key) {
    while (limiter.tryAcquire(key)) {
      // take every permit
    }
  }
}
