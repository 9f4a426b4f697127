package io.herald.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.session.testing.Tokens;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live sockets whose token expires or is revoked are told ({@code authError}) and disconnected, on {@code /} and
 * on required namespaces; a socket that proved itself again with a fresh token stays.
 */
@Timeout(60)
class LiveEnforcementTest {
  /** How long after its token's expiry a socket may still be connected (JWT expiry has second precision). */
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Test
  void aSocketIsToldAndDisconnectedWhenItsTokenExpiresUnlessItAuthenticatedAgain() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_JWT_TTL", "PT4S"));
        NodeSockets node = NodeSockets.start(gateway.url())) {
      RegisteredUser ann = gateway.register("short-lived@example.com", "correct horse battery");
      Instant expiry = Tokens.expiry(ann.token());
      node.connect("root", "/", Connect.authToken(ann.token()));
      node.connect("media", "/media", Connect.authToken(ann.token()));
      node.connect("renewed", "/", Connect.authToken(ann.token()));
      node.awaitConnect("root");
      node.awaitConnect("media");
      node.awaitConnect("renewed");
      String fresh = Tokens.fresh(gateway, ann, Duration.ofMinutes(5));
      JsonObject renewal = node.emitWithAck("renewed", "authenticate", new JsonObject().put("token", fresh))
          .getJsonObject(0);
      assertThat(renewal.getBoolean("success")).as("renewal before expiry%n%s", node.transcript()).isTrue();
      assertThat(Instant.now()).as("renewed before the first token expired").isBefore(expiry);

      JsonObject rootError = node.awaitEvent("root", "authError").getJsonObject(0);
      JsonObject mediaError = node.awaitEvent("media", "authError").getJsonObject(0);
      assertThat(node.awaitDisconnect("root")).isEqualTo("io server disconnect");
      assertThat(node.awaitDisconnect("media")).isEqualTo("io server disconnect");
      assertThat(Instant.now()).isBefore(expiry.plus(GRACE));

      assertThat(rootError.getString("code")).isEqualTo("TOKEN_EXPIRED");
      assertThat(rootError.getString("message")).isNotBlank();
      assertThat(mediaError.getString("code")).isEqualTo("TOKEN_EXPIRED");
      JsonObject info = node.emitWithAck("renewed", "getConnectionInfo").getJsonObject(0);
      assertThat(Instant.now()).isAfter(expiry);
      assertThat(info.getBoolean("authenticated")).isTrue();
      assertThat(info.getJsonArray("rooms")).contains("user:" + ann.id());
      assertThat(node.events("renewed", "authError")).isEmpty();
      assertThat(node.disconnected("renewed")).isFalse();
    }
  }

  @Test
  void restLogoutDisconnectsEverySocketOfTheUserAndNoOneElse() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start();
        NodeSockets node = NodeSockets.start(gateway.url())) {
      RegisteredUser ann = gateway.register("leaving@example.com", "correct horse battery");
      RegisteredUser bob = gateway.register("staying@example.com", "correct horse battery");
      node.connect("root", "/", Connect.authToken(ann.token()));
      node.connect("media", "/media", Connect.bearer(ann.token()));
      node.connect("later", "/", Connect.anonymous());
      node.connect("bob", "/media", Connect.authToken(bob.token()));
      node.connect("anonymous", "/", Connect.anonymous());
      for (String name : new String[] {"root", "media", "later", "bob", "anonymous"}) {
        node.awaitConnect(name);
      }
      assertThat(node.emitWithAck("later", "authenticate", new JsonObject().put("token", ann.token()))
          .getJsonObject(0).getBoolean("success")).isTrue();

      Instant loggedOut = Instant.now();
      gateway.logout(ann.token());

      for (String name : new String[] {"root", "media", "later"}) {
        JsonObject error = node.awaitEvent(name, "authError").getJsonObject(0);
        assertThat(error.getString("code")).as("%s%n%s", name, node.transcript()).isEqualTo("TOKEN_REVOKED");
        assertThat(error.getString("message")).isNotBlank();
        assertThat(node.awaitDisconnect(name)).isEqualTo("io server disconnect");
      }
      assertThat(Instant.now()).isBefore(loggedOut.plus(GRACE));
      assertThat(node.emitWithAck("anonymous", "ping").getJsonObject(0).getLong("timestamp")).isPositive();
      assertThat(node.disconnected("bob")).isFalse();
      assertThat(node.events("bob", "authError")).isEmpty();
      assertThat(node.events("anonymous", "authError")).isEmpty();
    }
  }
}
