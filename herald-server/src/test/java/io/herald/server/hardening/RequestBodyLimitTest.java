package io.herald.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestBodyLimitTest {
  @Test
  void aRestBodyOverTheLimitIsRefusedWith413BeforeItIsRead() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_HTTP_MAX_BODY", "1000"))) {
      String big = "{\"email\":\"a@example.com\",\"password\":\"" + "x".repeat(2_000) + "\"}";
      HttpResponse<String> refused = gateway.post("/auth/login", big, null);

      assertThat(refused.statusCode()).isEqualTo(413);
      assertThat(new JsonObject(refused.body()).getString("error")).isEqualTo("payload_too_large");
      assertThat(gateway.post("/auth/login", "{\"email\":\"a@example.com\",\"password\":\"short one\"}", null)
          .statusCode()).isEqualTo(401);
    }
  }
}
