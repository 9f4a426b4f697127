package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connection lives as long as its token: logout and expiry close it with an error and code 4401. */
@Timeout(60)
class EmotionSocketRevocationTest {
  private static Vertx vertx;
  private static WebSocketClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void logoutClosesEveryConnectionOfTheUserAndNoOtherUsers() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start()) {
      RegisteredUser gus = gateway.register("gus@example.com", "correct horse battery");
      RegisteredUser hal = gateway.register("hal@example.com", "correct horse battery");
      try (WsTestClient phone = connected(WsTestClient.withQueryToken(client, gateway.port(), gus.token()));
          WsTestClient laptop = connected(WsTestClient.withHeaderToken(client, gateway.port(), gus.token()));
          WsTestClient other = connected(WsTestClient.withQueryToken(client, gateway.port(), hal.token()))) {

        gateway.logout(gus.token());

        assertRevoked(phone, "TOKEN_REVOKED");
        assertRevoked(laptop, "TOKEN_REVOKED");
        other.roundTrip();
        UpgradeRejectedException again =
            WsTestClient.refusal(client, gateway.port(), "/api/ws?token=" + gus.token(), Map.of());
        assertThat(again.getStatus()).isEqualTo(401);
        assertThat(new JsonObject(again.getBody()).getString("error")).isEqualTo("TOKEN_REVOKED");
      }
    }
  }

  @Test
  void aConnectionIsClosedWhenItsTokenExpiresUnlessItAuthenticatesAgain() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_JWT_TTL", "PT3S"))) {
      RegisteredUser ivy = gateway.register("ivy@example.com", "correct horse battery");
      long expiry = claims(ivy.token()).getLong("exp");
      String fresh = gateway.signToken(withExpiry(ivy.token(), expiry + 600));
      String later = gateway.signToken(withExpiry(ivy.token(), expiry + 1));
      try (WsTestClient renewed = connected(WsTestClient.withQueryToken(client, gateway.port(), ivy.token()));
          WsTestClient expiring = connected(WsTestClient.withQueryToken(client, gateway.port(), ivy.token()));
          WsTestClient marker = connected(WsTestClient.withHeaderToken(client, gateway.port(), later))) {

        renewed.send(Map.of("type", "authenticate", "token", fresh));
        JsonObject authenticated = renewed.next("authenticated");
        assertThat(authenticated.getString("user_id")).isEqualTo(ivy.id());
        assertThat(Instant.parse(authenticated.getString("expires_at"))).isAfter(Instant.ofEpochSecond(expiry + 60));

        assertRevoked(expiring, "TOKEN_EXPIRED");
        // The marker's token expires a second after the others: once it is closed, the renewed connection has
        // outlived its first token.
        assertRevoked(marker, "TOKEN_EXPIRED");
        assertThat(Instant.now()).isAfter(Instant.ofEpochSecond(expiry));
        renewed.roundTrip();
      }
    }
  }

  private static void assertRevoked(WsTestClient ws, String code) throws Exception {
    JsonObject error = ws.next("error");
    assertThat(error.getString("code")).isEqualTo(code);
    assertThat(error.getString("message")).isNotBlank();
    WsTestClient.Closed closed = ws.awaitClosed();
    assertThat(closed.code()).isEqualTo((short) 4401);
    assertThat(closed.reason()).isEqualTo(code);
  }

  /** The claims of a token the gateway issued. */
  private static JsonObject claims(String token) {
    String payload = token.split("\\.")[1];
    return new JsonObject(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
  }

  /** The claims of a token the gateway issued, with another expiry. */
  private static Map<String, Object> withExpiry(String token, long exp) {
    Map<String, Object> claims = new HashMap<>(claims(token).getMap());
    claims.put("exp", exp);
    return claims;
  }

  private static WsTestClient connected(WsTestClient ws) throws InterruptedException {
    ws.next("connection_established");
    return ws;
  }
}
