package io.herald.server.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitSettingsTest {
  @Test
  void everyLimitHasASafeDefault() {
    LimitSettings limits = LimitSettings.defaults();
    assertThat(limits.maxPayload()).isEqualTo(1_000_000);
    assertThat(limits.maxConnectionsPerIp()).isEqualTo(1_000);
    assertThat(limits.handshakesPerIpPerSecond()).isEqualTo(100);
    assertThat(limits.maxNamespacesPerConnection()).isEqualTo(32);
    assertThat(limits.maxRoomsPerSocket()).isEqualTo(1_000);
    assertThat(limits.maxEventNameLength()).isEqualTo(256);
    assertThat(limits.eventsPerSecond()).isEqualTo(100);
    assertThat(limits.maxBufferedBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(limits.httpMaxBody()).isEqualTo(10 * 1024 * 1024);
    assertThat(limits.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void readsEveryLimitFromTheEnvironment() {
    LimitSettings limits = LimitSettings.fromEnv(Map.of(
        "HERALD_MAX_PAYLOAD", "2000", "HERALD_MAX_CONNECTIONS_PER_IP", "0",
        "HERALD_HANDSHAKES_PER_IP_PER_SECOND", "7", "HERALD_MAX_NAMESPACES_PER_CONNECTION", "4",
        "HERALD_MAX_ROOMS_PER_SOCKET", "60", "HERALD_MAX_EVENT_NAME_LENGTH", "32", "HERALD_EVENTS_PER_SECOND", "0",
        "HERALD_MAX_BUFFERED_BYTES", "65536", "HERALD_HTTP_MAX_BODY", "1_000", "HERALD_IDLE_TIMEOUT", "90s"));
    assertThat(limits).isEqualTo(new LimitSettings(2000, 0, 7, 4, 60, 32, 0, 65536, 1000, Duration.ofSeconds(90)));
  }

  @Test
  void refusesAValueOfTheWrongFormNamingItsVariable() {
    assertThatThrownBy(() -> LimitSettings.fromEnv(Map.of("HERALD_MAX_NAMESPACES_PER_CONNECTION", "0")))
        .hasMessage("HERALD_MAX_NAMESPACES_PER_CONNECTION: 0 (expected: a number >= 1)");
    assertThatThrownBy(() -> LimitSettings.fromEnv(Map.of("HERALD_EVENTS_PER_SECOND", "lots")))
        .hasMessage("HERALD_EVENTS_PER_SECOND: lots (expected: a number >= 0, 0 for no limit)");
    assertThatThrownBy(() -> LimitSettings.fromEnv(Map.of("HERALD_IDLE_TIMEOUT", "soon")))
        .hasMessageStartingWith("HERALD_IDLE_TIMEOUT: soon (expected:");
  }
}
