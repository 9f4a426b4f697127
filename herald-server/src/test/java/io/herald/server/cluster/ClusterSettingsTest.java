package io.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterSettingsTest {
  @Test
  void runsAloneWithoutARedisUrl() {
    assertThat(ClusterSettings.fromEnv(Map.of())).isEmpty();
    assertThat(ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", " "))).isEmpty();
  }

  @Test
  void readsTheUrlPrefixAndPresenceTtl() {
    ClusterSettings settings = ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", "redis://:secret@redis:6379/0",
        "HERALD_REDIS_KEY", "chat", "HERALD_PRESENCE_TTL", "2s")).orElseThrow();

    assertThat(settings.keyPrefix()).isEqualTo("chat");
    assertThat(settings.presenceTtl()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.key("presence:nodes")).isEqualTo("chat-herald:presence:nodes");
    assertThat(settings.toString()).doesNotContain("secret");
  }

  @Test
  void defaultsToTheNodeAdapterPrefixAndThirtySeconds() {
    ClusterSettings settings = ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", "redis://redis")).orElseThrow();

    assertThat(settings.keyPrefix()).isEqualTo("socket.io");
    assertThat(settings.presenceTtl()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesValuesOfTheWrongForm() {
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", "http://redis")))
        .hasMessageContaining("HERALD_REDIS_URL").hasMessageContaining("expected");
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", "redis://r",
        "HERALD_PRESENCE_TTL", "soon"))).hasMessageContaining("HERALD_PRESENCE_TTL");
    assertThatThrownBy(() -> ClusterSettings.fromEnv(Map.of("HERALD_REDIS_URL", "redis://r",
        "HERALD_PRESENCE_TTL", "10ms"))).hasMessageContaining(">= 300 ms");
  }
}
