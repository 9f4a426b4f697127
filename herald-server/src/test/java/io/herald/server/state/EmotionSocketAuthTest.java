package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Who may open {@code /api/ws}: the token is checked before the upgrade, from the query or the header. */
@Timeout(60)
class EmotionSocketAuthTest {
  private static IdentityGateway gateway;
  private static Vertx vertx;
  private static WebSocketClient client;
  private static RegisteredUser ann;

  @BeforeAll
  static void start() throws Exception {
    gateway = IdentityGateway.start();
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
    ann = gateway.register("ann@example.com", "correct horse battery");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    gateway.close();
  }

  @Test
  void acceptsTheTokenAsQueryParameterAndSaysWhoIsConnected() throws Exception {
    try (WsTestClient ws = WsTestClient.withQueryToken(client, gateway.port(), ann.token())) {
      JsonObject hello = ws.next("connection_established");

      assertThat(hello.fieldNames()).containsExactlyInAnyOrder("type", "message", "timestamp", "user_id");
      assertThat(hello.getString("message")).isEqualTo("Connected to emotion detection WebSocket server");
      assertThat(hello.getString("user_id")).isEqualTo(ann.id());
      assertThat(hello.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(Instant.parse(hello.getString("timestamp"))).isBetween(Instant.now().minusSeconds(30), Instant.now());
    }
  }

  @Test
  void acceptsTheTokenAsBearerHeader() throws Exception {
    try (WsTestClient ws = WsTestClient.withHeaderToken(client, gateway.port(), ann.token())) {
      assertThat(ws.next("connection_established").getString("user_id")).isEqualTo(ann.id());
    }
  }

  @Test
  void refusesAConnectionWithoutTokenWith401BeforeUpgrading() throws Exception {
    assertRefused("/api/ws", Map.of(), "TOKEN_MISSING");
  }

  @Test
  void refusesAMalformedToken() throws Exception {
    assertRefused("/api/ws?token=not-a-jwt", Map.of(), "TOKEN_INVALID");
    assertRefused("/api/ws", Map.of("Authorization", "Bearer not.a.jwt"), "TOKEN_INVALID");
  }

  @Test
  void refusesATokenSignedWithAnotherSecret() throws Exception {
    String forged = gateway.signTokenWithOtherSecret(claims(ann.id(), Instant.now().plusSeconds(600)));
    assertRefused("/api/ws?token=" + forged, Map.of(), "TOKEN_INVALID");
  }

  @Test
  void refusesAnExpiredToken() throws Exception {
    String expired = gateway.signToken(claims(ann.id(), Instant.now().minusSeconds(3600)));
    assertRefused("/api/ws", Map.of("Authorization", "Bearer " + expired), "TOKEN_EXPIRED");
  }

  @Test
  void refusesATokenOfAUserThatDoesNotExist() throws Exception {
    String stranger = gateway.signToken(claims("no-such-user", Instant.now().plusSeconds(600)));
    assertRefused("/api/ws?token=" + stranger, Map.of(), "USER_UNKNOWN");
  }

  @Test
  void answersAPlainGetWithUpgradeRequired() throws Exception {
    HttpResponse<String> response = gateway.get("/api/ws", ann.token());

    assertThat(response.statusCode()).isEqualTo(426);
    assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("upgrade_required");
  }

  @Test
  void refusesTooManyAttemptsFromOneAddressWith429() throws Exception {
    try (IdentityGateway limited = IdentityGateway.start(Map.of("HERALD_RATE_SOCKET_AUTH_PER_IP", "2/1m"))) {
      RegisteredUser kim = limited.register("kim@example.com", "correct horse battery");
      WsTestClient.withQueryToken(client, limited.port(), kim.token()).close();
      WsTestClient.refusal(client, limited.port(), "/api/ws?token=wrong", Map.of());

      UpgradeRejectedException refusal =
          WsTestClient.refusal(client, limited.port(), "/api/ws?token=" + kim.token(), Map.of());

      assertThat(refusal.getStatus()).isEqualTo(429);
      assertThat(new JsonObject(refusal.getBody()).getString("error")).isEqualTo("RATE_LIMITED");
      assertThat(Long.parseLong(refusal.getHeaders().get("retry-after"))).isPositive();
    }
  }

  private static void assertRefused(String uri, Map<String, String> headers, String code) throws Exception {
    UpgradeRejectedException refusal = WsTestClient.refusal(client, gateway.port(), uri, headers);

    assertThat(refusal.getStatus()).isEqualTo(401);
    JsonObject body = new JsonObject(refusal.getBody());
    assertThat(body.getString("error")).isEqualTo(code);
    assertThat(body.getString("message")).isNotBlank();
  }

  private static Map<String, Object> claims(String userId, Instant expiresAt) {
    return Map.of(
        "sub", userId,
        "email", "ann@example.com",
        "roles", List.of("user"),
        "tokenVersion", 0,
        "iat", expiresAt.minusSeconds(3600).getEpochSecond(),
        "exp", expiresAt.getEpochSecond());
  }
}
