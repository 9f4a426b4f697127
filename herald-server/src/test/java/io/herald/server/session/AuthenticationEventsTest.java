package io.herald.server.session;

import static io.herald.server.session.SessionConnectTest.ISO_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.session.testing.Tokens;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code authenticate({token}, cb)} and {@code logout(cb)} on {@code /} (seed 002). */
@Timeout(60)
class AuthenticationEventsTest {
  private static final AtomicInteger users = new AtomicInteger();
  private static IdentityGateway gateway;

  private NodeSockets node;
  private RegisteredUser ann;
  private RegisteredUser bob;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = IdentityGateway.start();
  }

  @AfterAll
  static void stopGateway() throws Exception {
    gateway.close();
  }

  @BeforeEach
  void registerAndStartNode() throws Exception {
    ann = gateway.register("ann-" + users.incrementAndGet() + "@example.com", "correct horse battery");
    bob = gateway.register("bob-" + users.incrementAndGet() + "@example.com", "correct horse battery");
    node = NodeSockets.start(gateway.url());
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void anAnonymousSocketAuthenticatesWithAToken() {
    String socketId = connectAnonymously("a");

    JsonObject answer = authenticate("a", ann.token());

    assertThat(answer).isEqualTo(new JsonObject().put("success", true).put("userId", ann.id()));
    JsonObject authenticated = node.awaitEvent("a", "authenticated").getJsonObject(0);
    assertThat(authenticated.fieldNames()).containsExactlyInAnyOrder("userId", "email", "authenticatedAt");
    assertThat(authenticated.getString("userId")).isEqualTo(ann.id());
    assertThat(authenticated.getString("email")).isEqualTo(ann.email());
    assertThat(authenticated.getString("authenticatedAt")).matches(ISO_MILLIS);
    JsonObject info = connectionInfo("a");
    assertThat(info.getBoolean("authenticated")).isTrue();
    assertThat(info.getJsonArray("rooms")).containsExactlyInAnyOrder(socketId, "user:" + ann.id());
  }

  @Test
  void aBadTokenIsAnsweredWithAnErrorAndAnAuthErrorEvent() {
    connectAnonymously("a");

    JsonObject answer = authenticate("a", Tokens.expired(gateway, ann));

    assertThat(answer.getBoolean("success")).isFalse();
    assertThat(answer.getValue("error")).isInstanceOf(String.class);
    assertThat(answer.getString("code")).isEqualTo("TOKEN_EXPIRED");
    JsonObject authError = node.awaitEvent("a", "authError").getJsonObject(0);
    assertThat(authError.getString("message")).isEqualTo(answer.getString("error"));
    assertThat(authError.getString("code")).isEqualTo("TOKEN_EXPIRED");
    assertThat(connectionInfo("a").getBoolean("authenticated")).isFalse();
  }

  @Test
  void aPayloadWithoutATokenIsAnsweredWithAnError() {
    connectAnonymously("a");

    JsonObject noToken = node.emitWithAck("a", "authenticate", new JsonObject()).getJsonObject(0);
    JsonObject numberToken = node.emitWithAck("a", "authenticate", new JsonObject().put("token", 42)).getJsonObject(0);
    JsonObject nothing = node.emitWithAck("a", "authenticate").getJsonObject(0);

    for (JsonObject answer : new JsonObject[] {noToken, numberToken, nothing}) {
      assertThat(answer.getBoolean("success")).isFalse();
      assertThat(answer.getString("error")).contains("token");
      assertThat(answer.getString("code")).isEqualTo("TOKEN_MISSING");
    }
    assertThat(node.disconnected("a")).isFalse();
  }

  @Test
  void aFailedAttemptKeepsThePreviousIdentity() {
    node.connect("a", "/", Connect.authToken(ann.token()));
    node.awaitConnect("a");

    assertThat(authenticate("a", "not-a-jwt").getBoolean("success")).isFalse();

    JsonObject info = connectionInfo("a");
    assertThat(info.getBoolean("authenticated")).isTrue();
    assertThat(info.getJsonArray("rooms")).contains("user:" + ann.id());
  }

  @Test
  void aTokenOfAnotherUserSwitchesTheSocketToThatUser() {
    node.connect("a", "/", Connect.authToken(ann.token()));
    String socketId = node.awaitConnect("a");

    JsonObject answer = authenticate("a", bob.token());

    assertThat(answer).isEqualTo(new JsonObject().put("success", true).put("userId", bob.id()));
    assertThat(node.awaitEvent("a", "authenticated", 2).getJsonObject(0).getString("userId")).isEqualTo(bob.id());
    assertThat(connectionInfo("a").getJsonArray("rooms")).containsExactlyInAnyOrder(socketId, "user:" + bob.id());
  }

  @Test
  void logoutMakesTheSocketAnonymousWithoutRevokingTheToken() {
    node.connect("a", "/", Connect.authToken(ann.token()));
    String socketId = node.awaitConnect("a");

    JsonArray answer = node.emitWithAck("a", "logout");

    assertThat(answer).isEqualTo(new JsonArray().add(new JsonObject().put("success", true)));
    JsonObject loggedOut = node.awaitEvent("a", "loggedOut").getJsonObject(0);
    assertThat(loggedOut.fieldNames()).containsExactly("message");
    assertThat(loggedOut.getValue("message")).isInstanceOf(String.class);
    JsonObject info = connectionInfo("a");
    assertThat(info.getBoolean("authenticated")).isFalse();
    assertThat(info.getJsonArray("rooms")).containsExactly(socketId);
    node.connect("again", "/media", Connect.authToken(ann.token()));
    node.awaitConnect("again");
  }

  @Test
  void logoutOfAnAnonymousSocketSucceeds() {
    connectAnonymously("a");

    assertThat(node.emitWithAck("a", "logout").getJsonObject(0).getBoolean("success")).isTrue();
    assertThat(node.awaitEvent("a", "loggedOut").getJsonObject(0).getString("message")).isNotBlank();
  }

  @Test
  void requestsOfOneSocketTakeEffectInTheOrderSent() {
    connectAnonymously("a");

    node.emit("a", "authenticate", new JsonObject().put("token", ann.token()));
    node.emit("a", "logout");

    node.awaitEvent("a", "loggedOut");
    assertThat(node.indexOfEvent("a", "authenticated")).isNotNegative()
        .isLessThan(node.indexOfEvent("a", "loggedOut"));
    assertThat(connectionInfo("a").getBoolean("authenticated")).isFalse();
  }

  private String connectAnonymously(String name) {
    node.connect(name, "/", Connect.anonymous());
    return node.awaitConnect(name);
  }

  private JsonObject authenticate(String name, String token) {
    return node.emitWithAck(name, "authenticate", new JsonObject().put("token", token)).getJsonObject(0);
  }

  private JsonObject connectionInfo(String name) {
    return node.emitWithAck(name, "getConnectionInfo").getJsonObject(0);
  }
}
