package io.herald.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long MS = 1_000_000L;

  @Test
  void allowsABurstThenRefusesUntilTokensRefill() {
    TokenBucket rate = new TokenBucket(20, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(rate.tryTake(0)).as("message %d", i).isTrue();
    }
    assertThat(rate.tryTake(0)).isFalse();
    assertThat(rate.tryTake(49 * MS)).isFalse();
    assertThat(rate.tryTake(50 * MS)).isTrue();
    assertThat(rate.tryTake(50 * MS)).isFalse();
  }

  @Test
  void neverSavesMoreThanTheBurst() {
    TokenBucket rate = new TokenBucket(20, 3, 0);
    long anHourLater = 3_600_000 * MS;
    for (int i = 0; i < 3; i++) {
      assertThat(rate.tryTake(anHourLater)).isTrue();
    }
    assertThat(rate.tryTake(anHourLater)).isFalse();
  }

  @Test
  void isFullOnlyOnceItHasRefilledCompletely() {
    TokenBucket rate = new TokenBucket(10, 2, 0);
    assertThat(rate.isFull(0)).isTrue();
    rate.tryTake(0);
    assertThat(rate.isFull(50 * MS)).isFalse();
    assertThat(rate.isFull(100 * MS)).isTrue();
  }

  @Test
  void refusesAClockThatGoesBackwards() {
    TokenBucket rate = new TokenBucket(20, 1, 100 * MS);
    assertThat(rate.tryTake(100 * MS)).isTrue();
    assertThat(rate.tryTake(0)).isFalse();
  }

  @Test
  void saysWhatItExpects() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessage("perSecond: 0.0 (expected: > 0)");
    assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).hasMessage("capacity: 0.0 (expected: >= 1)");
  }
}
