package io.herald.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {
  @Test
  void defaultsToPort3000OnEveryInterface() throws Exception {
    GatewayConfig config = GatewayConfig.load(new String[0], Map.of());
    assertThat(config.port()).isEqualTo(3000);
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.profile()).isEqualTo(GatewayConfig.Profile.DEFAULT);
  }

  @Test
  void commandLineBeatsEnvironmentWhichBeatsTheConfigFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("herald.json");
    Files.writeString(file, "{\"port\": 4000, \"host\": \"127.0.0.1\", \"profile\": \"conformance\"}");

    GatewayConfig fromFile = GatewayConfig.load(new String[] {"--config", file.toString()}, Map.of());
    assertThat(fromFile.port()).isEqualTo(4000);
    assertThat(fromFile.host()).isEqualTo("127.0.0.1");
    assertThat(fromFile.profile()).isEqualTo(GatewayConfig.Profile.CONFORMANCE);

    GatewayConfig fromEnv = GatewayConfig.load(new String[] {"--config", file.toString()}, Map.of("HERALD_PORT", "4100"));
    assertThat(fromEnv.port()).isEqualTo(4100);

    GatewayConfig fromFlag = GatewayConfig.load(
        new String[] {"--config=" + file, "--port", "4200", "--profile", "default"}, Map.of("HERALD_PORT", "4100"));
    assertThat(fromFlag.port()).isEqualTo(4200);
    assertThat(fromFlag.profile()).isEqualTo(GatewayConfig.Profile.DEFAULT);
  }

  @Test
  void refusesABadPortWithAClearMessage() {
    assertThatThrownBy(() -> GatewayConfig.load(new String[0], Map.of("HERALD_PORT", "http")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port from environment: http");
    assertThatThrownBy(() -> GatewayConfig.load(new String[] {"--port", "70000"}, Map.of()))
        .hasMessageContaining("port: 70000 (expected: 0-65535)");
  }

  @Test
  void refusesUnknownFlagsAndProfiles() {
    assertThatThrownBy(() -> GatewayConfig.load(new String[] {"--colour", "blue"}, Map.of()))
        .hasMessageContaining("--colour");
    assertThatThrownBy(() -> GatewayConfig.load(new String[] {"--profile", "turbo"}, Map.of()))
        .hasMessageContaining("profile: turbo");
  }
}
