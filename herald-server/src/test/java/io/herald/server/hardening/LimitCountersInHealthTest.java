package io.herald.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** /health counts how often clients hit the limits, so an operator sees refusals without reading logs. */
class LimitCountersInHealthTest {
  @Test
  void refusedHandshakesAreCountedInHealth() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_HANDSHAKES_PER_IP_PER_SECOND", "2"))) {
      HttpClient http = HttpClient.newHttpClient();
      int refused = 0;
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(
            URI.create(gateway.url() + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString());
        if (handshake.statusCode() == 429) {
          refused++;
        }
      }
      assertThat(refused).isPositive();

      JsonObject health = new JsonObject(gateway.get("/health", null).body());
      assertThat(health.getJsonObject("details").getJsonObject("limits").getLong("handshakesPerIpPerSecond"))
          .isEqualTo(refused);
    }
  }
}
