package io.herald.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsRoutesTest {
  @Test
  void metricsShowConnectedClientsAndLimitEventsInThePrometheusFormat() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_HANDSHAKES_PER_IP_PER_SECOND", "1"))) {
      HttpClient http = HttpClient.newHttpClient();
      int refused = 0;
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(
            URI.create(gateway.url() + "/socket.io/?EIO=4&transport=polling")).build(), HttpResponse.BodyHandlers.ofString());
        refused += handshake.statusCode() == 429 ? 1 : 0;
      }

      HttpResponse<String> metrics = gateway.get("/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      assertThat(metrics.body()).contains("herald_connected_clients ");
      assertThat(metrics.body()).contains("herald_limit_events_total{kind=\"handshakesPerIpPerSecond\"} " + refused + ".0");
      assertThat(metrics.body()).contains("jvm_memory_used_bytes");
      assertThat(refused).isPositive();
    }
  }

  @Test
  void livenessAndReadinessAnswerWithoutRedis() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start()) {
      assertThat(gateway.get("/health/live", null).statusCode()).isEqualTo(200);
      HttpResponse<String> ready = gateway.get("/health/ready", null);
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"ready\"");
    }
  }
}
