package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.testing.IdentityGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminBootstrapTest {
  @Test
  void theFirstAdministratorComesFromTheEnvironment() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of(
        "HERALD_ADMIN_EMAIL", "Root@Example.com", "HERALD_ADMIN_PASSWORD", "a very long admin password"))) {
      HttpResponse<String> login = gateway.post("/auth/login",
          "{\"email\":\"root@example.com\",\"password\":\"a very long admin password\"}", null);

      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      assertThat(new JsonObject(login.body()).getJsonObject("user").getJsonArray("roles").getList())
          .containsExactlyInAnyOrder("admin", "user");
    }
  }

  @Test
  void anAdministratorWithoutAStrongPasswordIsRefusedAtStartUp() {
    assertThatThrownBy(() -> IdentityGateway.start(Map.of("HERALD_ADMIN_EMAIL", "root@example.com")))
        .hasMessageContaining("HERALD_ADMIN_PASSWORD")
        .hasMessageContaining("no default");
  }

  @Test
  void withoutAdminSettingsNoAdministratorExists() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start()) {
      HttpResponse<String> login = gateway.post("/auth/login",
          "{\"email\":\"admin@example.com\",\"password\":\"admin\"}", null);
      assertThat(login.statusCode()).isEqualTo(401);
    }
  }
}
