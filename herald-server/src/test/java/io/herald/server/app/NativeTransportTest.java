package io.herald.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NativeTransportTest {
  @Test
  void prefersTheNativeTransportUnlessTurnedOff() {
    assertThat(NativeTransport.preferred(Map.of())).isTrue();
    assertThat(NativeTransport.preferred(Map.of("HERALD_NATIVE_TRANSPORT", " "))).isTrue();
    assertThat(NativeTransport.preferred(Map.of("HERALD_NATIVE_TRANSPORT", "TRUE"))).isTrue();
    assertThat(NativeTransport.preferred(Map.of("HERALD_NATIVE_TRANSPORT", "false"))).isFalse();
  }

  @Test
  void refusesAnythingButTrueOrFalseWithAClearMessage() {
    assertThatThrownBy(() -> NativeTransport.preferred(Map.of("HERALD_NATIVE_TRANSPORT", "off")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HERALD_NATIVE_TRANSPORT: off (expected: true or false)");
  }

  @Test
  void runsOnEpollOnLinuxX86_64() {
    assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
        "the gateway ships the native library for Linux x86_64 only");
    Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    try {
      assertThat(vertx.isNativeTransportEnabled()).as("%s", vertx.unavailableNativeTransportCause()).isTrue();
    } finally {
      vertx.close();
    }
  }
}
