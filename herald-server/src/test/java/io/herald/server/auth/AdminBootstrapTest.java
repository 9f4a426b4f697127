package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.testing.IdentityGateway;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

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
  void promotingAnExistingAccountRevokesTheTokensItHadBefore(@TempDir Path dataDir) throws Exception {
    String secret = IdentityGateway.randomSecret();
    String squatterToken;
    try (IdentityGateway before = IdentityGateway.startIn(dataDir, Map.of("HERALD_JWT_SECRET", secret))) {
      squatterToken = before.register("boss@example.com", "registered by someone").token();
    }
    try (IdentityGateway after = IdentityGateway.startIn(dataDir, Map.of("HERALD_JWT_SECRET", secret,
        "HERALD_ADMIN_EMAIL", "boss@example.com", "HERALD_ADMIN_PASSWORD", "the operator's own password"))) {
      HttpResponse<String> me = after.get("/auth/me", squatterToken);
      assertThat(me.statusCode()).isEqualTo(401);
      assertThat(new JsonObject(me.body()).getString("error")).isEqualTo("TOKEN_REVOKED");
      HttpResponse<String> squatterLogin = after.post("/auth/login",
          "{\"email\":\"boss@example.com\",\"password\":\"registered by someone\"}", null);
      assertThat(squatterLogin.statusCode()).isEqualTo(401);
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
