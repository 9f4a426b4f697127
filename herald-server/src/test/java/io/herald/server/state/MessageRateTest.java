package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MessageRateTest {
  private static final long MS = 1_000_000L;

  @Test
  void allowsABurstThenRefusesUntilTokensRefill() {
    MessageRate rate = new MessageRate(20, 5, 0);
    for (int i = 0; i < 5; i++) {
      assertThat(rate.tryAcquire(0)).as("message %d", i).isTrue();
    }
    assertThat(rate.tryAcquire(0)).isFalse();
    assertThat(rate.tryAcquire(49 * MS)).isFalse();
    assertThat(rate.tryAcquire(50 * MS)).isTrue();
    assertThat(rate.tryAcquire(50 * MS)).isFalse();
  }

  @Test
  void neverSavesMoreThanTheBurst() {
    MessageRate rate = new MessageRate(20, 3, 0);
    long anHourLater = 3_600_000 * MS;
    for (int i = 0; i < 3; i++) {
      assertThat(rate.tryAcquire(anHourLater)).isTrue();
    }
    assertThat(rate.tryAcquire(anHourLater)).isFalse();
  }

  @Test
  void refusesAClockThatGoesBackwards() {
    MessageRate rate = new MessageRate(20, 1, 100 * MS);
    assertThat(rate.tryAcquire(100 * MS)).isTrue();
    assertThat(rate.tryAcquire(0)).isFalse();
  }

  @Test
  void saysWhatItExpects() {
    assertThatThrownBy(() -> new MessageRate(0, 1, 0)).hasMessage("perSecond: 0 (expected: > 0)");
    assertThatThrownBy(() -> new MessageRate(1, 0, 0)).hasMessage("burst: 0 (expected: > 0)");
  }
}
