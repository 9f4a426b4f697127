package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Socket authentication is rate-limited per account and per address, on connect and on {@code authenticate}. */
@Timeout(60)
class SocketAuthRateLimitTest {

  @Test
  void refusesTheThirdConnectionOfAnAccountLimitedToTwoWithRateLimited() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT", "2/1h"));
        NodeSockets node = NodeSockets.start(gateway.url())) {
      RegisteredUser ann = gateway.register("limited@example.com", "correct horse battery");
      node.connect("first", "/media", Connect.authToken(ann.token()));
      node.awaitConnect("first");
      node.connect("second", "/media", Connect.authToken(ann.token()));
      node.awaitConnect("second");

      node.connect("third", "/media", Connect.authToken(ann.token()));

      JsonObject error = node.awaitConnectError("third");
      assertThat(error.getJsonObject("data")).isEqualTo(new JsonObject().put("code", "RATE_LIMITED"));
      assertThat(error.getString("message")).contains("account").contains("retry in");
    }
  }

  @Test
  void refusesAttemptsFromAnAddressOverItsLimitBeforeCheckingTheToken() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_RATE_SOCKET_AUTH_PER_IP", "2/1h"));
        NodeSockets node = NodeSockets.start(gateway.url())) {
      RegisteredUser ann = gateway.register("address@example.com", "correct horse battery");
      node.connect("good", "/media", Connect.authToken(ann.token()));
      node.awaitConnect("good");
      node.connect("bad", "/media", Connect.authToken("not-a-jwt"));
      assertThat(node.awaitConnectError("bad").getJsonObject("data").getString("code")).isEqualTo("TOKEN_INVALID");

      node.connect("over", "/media", Connect.authToken(ann.token()));

      JsonObject error = node.awaitConnectError("over");
      assertThat(error.getJsonObject("data")).isEqualTo(new JsonObject().put("code", "RATE_LIMITED"));
      assertThat(error.getString("message")).contains("address");
    }
  }

  @Test
  void limitsTheAuthenticateEventLikeTheHandshake() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_RATE_SOCKET_AUTH_PER_ACCOUNT", "1/1h"));
        NodeSockets node = NodeSockets.start(gateway.url())) {
      RegisteredUser ann = gateway.register("event-limited@example.com", "correct horse battery");
      node.connect("root", "/", Connect.anonymous());
      node.awaitConnect("root");
      JsonObject first = node.emitWithAck("root", "authenticate", new JsonObject().put("token", ann.token()))
          .getJsonObject(0);
      assertThat(first.getBoolean("success")).isTrue();

      JsonArray second = node.emitWithAck("root", "authenticate", new JsonObject().put("token", ann.token()));

      assertThat(second.getJsonObject(0).getBoolean("success")).isFalse();
      assertThat(second.getJsonObject(0).getString("code")).isEqualTo("RATE_LIMITED");
      assertThat(node.awaitEvent("root", "authError").getJsonObject(0).getString("code")).isEqualTo("RATE_LIMITED");
    }
  }
}
