package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Handshake;
import io.herald.core.server.RemoteSocket;
import io.herald.core.server.Socket;
import io.herald.core.socketio.PayloadMapper;
import io.herald.server.session.testing.CapturedLogs;
import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.session.testing.Tokens;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SocketAuth#required()} on {@code /media} of a running gateway, through real Node.js
 * {@code socket.io-client} 4.8.1 sockets: every way a token is refused reaches {@code connect_error} with its
 * {@code data.code}, and every carrier of a good token is accepted.
 */
@Timeout(60)
class SocketAuthTest {
  private static final AtomicInteger users = new AtomicInteger();
  private static IdentityGateway gateway;

  private NodeSockets node;
  private RegisteredUser ann;

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
    ann = gateway.register("socket-auth-" + users.incrementAndGet() + "@example.com", "correct horse battery");
    node = NodeSockets.start(gateway.url());
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void refusesASocketWithoutATokenWithTokenMissing() {
    assertRefused(Connect.anonymous(), "TOKEN_MISSING");
  }

  @Test
  void ignoresAUserIdClaimedInAuthWithoutAToken() {
    assertRefused(Connect.auth(new JsonObject().put("userId", ann.id()).put("clientId", "c-1")), "TOKEN_MISSING");
  }

  @Test
  void refusesAnExpiredTokenWithTokenExpired() {
    assertRefused(Connect.authToken(Tokens.expired(gateway, ann)), "TOKEN_EXPIRED");
  }

  @Test
  void refusesATokenSignedWithAnotherSecretWithTokenInvalid() {
    assertRefused(Connect.authToken(gateway.signTokenWithOtherSecret(Tokens.claims(ann, Duration.ofMinutes(5)))),
        "TOKEN_INVALID");
  }

  @Test
  void refusesAnUnsignedAlgNoneTokenWithTokenInvalid() {
    assertRefused(Connect.authToken(Tokens.unsigned(ann)), "TOKEN_INVALID");
  }

  @Test
  void refusesSomethingThatIsNotAJwtWithTokenInvalid() {
    assertRefused(Connect.authToken("not-a-jwt"), "TOKEN_INVALID");
  }

  @Test
  void refusesATokenRevokedByRestLogoutWithTokenRevoked() throws Exception {
    gateway.logout(ann.token());

    assertRefused(Connect.authToken(ann.token()), "TOKEN_REVOKED");
  }

  @Test
  void refusesAWellSignedTokenOfAnUnknownUserWithUserUnknown() {
    assertRefused(Connect.authToken(Tokens.unknownUser(gateway)), "USER_UNKNOWN");
  }

  @Test
  void acceptsTheTokenAsAuthToken() {
    assertAccepted(Connect.authToken(ann.token()));
  }

  @Test
  void acceptsTheTokenAsTheTokenQueryParameter() {
    assertAccepted(Connect.queryToken(ann.token()));
  }

  @Test
  void acceptsTheTokenAsAnAuthorizationBearerHeader() {
    assertAccepted(Connect.bearer(ann.token()));
  }

  @Test
  void acceptsTheTokenAsAnAuthorizationBearerHeaderOverLongPolling() {
    assertAccepted(Connect.bearer(ann.token()).transport("polling"));
  }

  @Test
  void readsAuthTokenBeforeTheQueryParameter() {
    Connect both = new Connect(new JsonObject().put("token", ann.token()),
        new JsonObject().put("token", "not-a-jwt"), null, "websocket");

    assertAccepted(both);
  }

  @Test
  void neverLogsTheTokensItChecks() {
    String expired = Tokens.expired(gateway, ann);
    try (CapturedLogs logs = CapturedLogs.start()) {
      node.connect("good", "/media", Connect.queryToken(ann.token()));
      node.connect("expired", "/media", Connect.bearer(expired));
      node.connect("garbage", "/media", Connect.authToken("not-a-jwt-" + ann.token()));
      node.awaitConnect("good");
      node.awaitConnectError("expired");
      node.awaitConnectError("garbage");

      assertThat(logs.lines()).noneMatch(line -> line.contains(ann.token()) || line.contains(expired));
    }
  }

  @Test
  void theIdentityTravelsWithFetchSocketsAsPlainValuesOnly() throws Exception {
    node.connect("media", "/media", Connect.authToken(ann.token()));
    String socketId = node.awaitConnect("media");

    List<RemoteSocket> found = gateway.gateway().io().of("/media").in(SocketIdentity.userRoom(ann.id()))
        .fetchSockets().get(10, TimeUnit.SECONDS);

    assertThat(found).extracting(RemoteSocket::id).containsExactly(socketId);
    assertThat(SocketIdentity.userId(found.get(0))).contains(ann.id());
    JsonNode data = PayloadMapper.get().valueToTree(found.get(0).data());
    assertThat(data.path(SocketIdentity.USER_ID).asText()).isEqualTo(ann.id());
    assertThat(data.path(SocketIdentity.EMAIL).asText()).isEqualTo(ann.email());
    assertThat(data.path(SocketIdentity.ROLES).toString()).isEqualTo("[\"user\"]");
    assertThat(Instant.parse(data.path(SocketIdentity.AUTHENTICATED_AT).asText())).isBefore(Instant.now());
    data.fields().forEachRemaining(field -> assertThat(field.getValue().isValueNode() || field.getValue().isArray())
        .as("data entry %s is a plain value", field.getKey()).isTrue());
    assertThat(data.toString()).doesNotContain(ann.token());
  }

  private void assertRefused(Connect how, String code) {
    node.connect("refused", "/media", how);

    JsonObject error = node.awaitConnectError("refused");
    assertThat(error.getJsonObject("data")).as("connect_error data%n%s", node.transcript())
        .isEqualTo(new JsonObject().put("code", code));
    assertThat(error.getString("message")).as("connect_error message").isNotBlank();
  }

  /** Connected as ann, in {@code user:{id}}, with no trace of the token in what handlers see of the handshake. */
  private void assertAccepted(Connect how) {
    node.connect("media", "/media", how);

    String socketId = node.awaitConnect("media");
    Socket socket = gateway.gateway().io().of("/media").sockets().get(socketId);
    assertThat(socket).as("server side of socket %s", socketId).isNotNull();
    assertThat(SocketIdentity.of(socket)).map(Identity::userId).contains(ann.id());
    assertThat(socket.data()).containsEntry(SocketIdentity.USER_ID, ann.id())
        .containsEntry(SocketIdentity.EMAIL, ann.email())
        .containsEntry(SocketIdentity.ROLES, List.of("user"));
    // the client may see its CONNECT a moment before the connection handlers that join user: have run
    await().atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(socket.rooms()).contains(SocketIdentity.userRoom(ann.id())));
    Handshake handshake = socket.handshake();
    assertThat(handshake.auth().has("token")).as("auth.token after the middleware").isFalse();
    assertThat(handshake.query().get("token")).as("query token after the middleware").isNull();
    assertThat(handshake.headers().get("authorization")).as("Authorization after the middleware").isNull();
    assertThat(handshake.url()).doesNotContain(ann.token());
  }
}
