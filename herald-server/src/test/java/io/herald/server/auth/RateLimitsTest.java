package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitsTest {
  private final Clock clock = Clock.systemUTC();

  @Test
  void parsesPermitsPerPeriod() {
    assertThat(RateLimit.parse("10/1m")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("100 / 30s")).isEqualTo(new RateLimit(100, Duration.ofSeconds(30)));
    assertThat(RateLimit.parse("5/h")).isEqualTo(new RateLimit(5, Duration.ofHours(1)));
    assertThat(RateLimit.parse("1000/1d")).isEqualTo(new RateLimit(1000, Duration.ofDays(1)));
    assertThat(RateLimit.parse("10/PT1M")).isEqualTo(new RateLimit(10, Duration.ofMinutes(1)));
    assertThat(RateLimit.parse("10/1m").refillInterval()).isEqualTo(Duration.ofSeconds(6));
  }

  @Test
  void refusesLimitsItCannotRead() {
    assertThatThrownBy(() -> RateLimit.parse("ten per minute")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: <permits>/<period>");
    assertThatThrownBy(() -> RateLimit.parse("0/1m")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("permits: 0 (expected: > 0)");
    assertThatThrownBy(() -> RateLimit.parse("10/fortnight")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected a period");
  }

  @Test
  void defaultsToTheDocumentedLimits() {
    RateLimits limits = RateLimits.defaults(clock);

    assertThat(limits.loginPerIp()).hasToString("InMemoryRateLimiter{20/PT1M, maxKeys=100000}");
    assertThat(limits.loginPerAccount()).hasToString("InMemoryRateLimiter{5/PT1M, maxKeys=100000}");
    assertThat(limits.socketAuthPerIp()).hasToString("InMemoryRateLimiter{120/PT1M, maxKeys=100000}");
    assertThat(limits.socketAuthPerAccount()).hasToString("InMemoryRateLimiter{30/PT1M, maxKeys=100000}");
  }

  @Test
  void readsLimitsFromTheEnvironment() {
    RateLimits limits = RateLimits.fromEnv(Map.of(
        "HERALD_RATE_LOGIN_PER_IP", "3/1m",
        "HERALD_RATE_SOCKET_AUTH_PER_IP", "off",
        "HERALD_RATE_MAX_KEYS", "500"), clock);

    assertThat(limits.loginPerIp()).hasToString("InMemoryRateLimiter{3/PT1M, maxKeys=500}");
    assertThat(limits.loginPerAccount()).hasToString("InMemoryRateLimiter{5/PT1M, maxKeys=500}");
    assertThat(limits.socketAuthPerIp().tryAcquire("x")).isTrue();
    assertThat(limits.socketAuthPerIp()).hasToString("unlimited");
  }

  @Test
  void namesTheVariableThatIsWrong() {
    assertThatThrownBy(() -> RateLimits.fromEnv(Map.of("HERALD_RATE_LOGIN_PER_ACCOUNT", "5 a minute"), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_RATE_LOGIN_PER_ACCOUNT: 5 a minute");
    assertThatThrownBy(() -> RateLimits.fromEnv(Map.of("HERALD_RATE_MAX_KEYS", "-1"), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HERALD_RATE_MAX_KEYS: -1 (expected: a number > 0)");
  }
}
