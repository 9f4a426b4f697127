package io.herald.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.herald.core.server.Socket;
import io.herald.server.auth.SocketIdentity;
import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.session.testing.Tokens;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connecting to {@code /} (seeds 001 and 002): welcome, authenticated, and the identity rooms. */
@Timeout(60)
class SessionConnectTest {
  static final String ISO_MILLIS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";
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
    ann = gateway.register("connect-" + users.incrementAndGet() + "@example.com", "correct horse battery");
    node = NodeSockets.start(gateway.url());
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void anAnonymousSocketGetsWelcomeAndNothingElse() {
    node.connect("a", "/", Connect.anonymous());
    String socketId = node.awaitConnect("a");

    JsonObject welcome = node.awaitEvent("a", "welcome").getJsonObject(0);
    assertThat(welcome.fieldNames()).containsExactlyInAnyOrder("message", "socketId", "serverTime");
    assertThat(welcome.getValue("message")).isInstanceOf(String.class);
    assertThat(welcome.getString("socketId")).isEqualTo(socketId);
    assertThat(welcome.getString("serverTime")).matches(ISO_MILLIS);
    assertThat(Instant.parse(welcome.getString("serverTime"))).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));

    JsonObject info = connectionInfo("a");
    assertThat(node.events("a", "authenticated")).isEmpty();
    assertThat(info.getBoolean("authenticated")).isFalse();
    assertThat(info.getJsonArray("rooms")).containsExactly(socketId);
  }

  @Test
  void aSocketWithATokenGetsWelcomeThenAuthenticatedAndJoinsItsUserRoom() {
    node.connect("a", "/", Connect.authToken(ann.token()));
    String socketId = node.awaitConnect("a");

    JsonObject authenticated = node.awaitEvent("a", "authenticated").getJsonObject(0);
    assertThat(authenticated.fieldNames()).containsExactlyInAnyOrder("userId", "email", "authenticatedAt");
    assertThat(authenticated.getString("userId")).isEqualTo(ann.id());
    assertThat(authenticated.getString("email")).isEqualTo(ann.email());
    assertThat(authenticated.getString("authenticatedAt")).matches(ISO_MILLIS);
    assertThat(node.events("a", "welcome")).hasSize(1);
    assertThat(node.indexOfEvent("a", "welcome")).isLessThan(node.indexOfEvent("a", "authenticated"));

    JsonObject info = connectionInfo("a");
    assertThat(info.getBoolean("authenticated")).isTrue();
    assertThat(info.getJsonArray("rooms")).containsExactlyInAnyOrder(socketId, "user:" + ann.id());

    gateway.gateway().io().of("/").to(SocketIdentity.userRoom(ann.id())).emit("probe", new JsonObject().put("n", 1));
    assertThat(node.awaitEvent("a", "probe")).isEqualTo(new JsonArray().add(new JsonObject().put("n", 1)));
  }

  @Test
  void theServerSideOfAnAuthenticatedSocketCarriesItsIdentityButNotItsToken() {
    node.connect("a", "/", Connect.authToken(ann.token()));
    String socketId = node.awaitConnect("a");

    Socket socket = gateway.gateway().io().of("/").sockets().get(socketId);
    assertThat(socket.data()).containsEntry(SocketIdentity.USER_ID, ann.id())
        .containsEntry(SocketIdentity.EMAIL, ann.email());
    assertThat(socket.handshake().auth().has("token")).isFalse();
    assertThat(socket.handshake().auth().toString()).doesNotContain(ann.token());
  }

  @Test
  void aUserIdClaimedInAuthWithoutATokenIsIgnored() {
    node.connect("a", "/", Connect.auth(new JsonObject().put("userId", ann.id())));
    String socketId = node.awaitConnect("a");

    JsonObject info = connectionInfo("a");
    assertThat(info.getBoolean("authenticated")).isFalse();
    assertThat(info.getJsonArray("rooms")).containsExactly(socketId);
    assertThat(node.events("a", "authenticated")).isEmpty();
  }

  @Test
  void clientIdAndSessionIdFromAuthBecomeRooms() {
    node.connect("a", "/", Connect.auth(new JsonObject()
        .put("clientId", "client-123").put("userId", "user-456").put("sessionId", "session-789")));
    String socketId = node.awaitConnect("a");

    assertThat(connectionInfo("a").getJsonArray("rooms"))
        .containsExactlyInAnyOrder(socketId, "client:client-123", "session:session-789");
    gateway.gateway().io().of("/").to("client:client-123").emit("photo.uploaded", new JsonObject().put("photoId", "p1"));
    assertThat(node.awaitEvent("a", "photo.uploaded").getJsonObject(0).getString("photoId")).isEqualTo("p1");
  }

  @Test
  void identityRoomsComeWithTheTokenRoomToo() {
    node.connect("a", "/", Connect.auth(new JsonObject().put("token", ann.token()).put("clientId", "web-1")));
    String socketId = node.awaitConnect("a");

    assertThat(connectionInfo("a").getJsonArray("rooms"))
        .containsExactlyInAnyOrder(socketId, "client:web-1", "user:" + ann.id());
  }

  @Test
  void clientAndSessionIdsThatAreNotShortSafeStringsAreIgnored() {
    node.connect("a", "/", Connect.auth(new JsonObject()
        .put("clientId", "x".repeat(129)).put("sessionId", "has spaces and\nnewlines")));
    String socketId = node.awaitConnect("a");

    assertThat(connectionInfo("a").getJsonArray("rooms")).containsExactly(socketId);
  }

  @Test
  void aBadTokenOnRootIsRefusedLikeOnRequiredNamespaces() {
    node.connect("expired", "/", Connect.authToken(Tokens.expired(gateway, ann)));
    node.connect("garbage", "/", Connect.queryToken("not-a-jwt"));

    assertThat(node.awaitConnectError("expired").getJsonObject("data").getString("code")).isEqualTo("TOKEN_EXPIRED");
    assertThat(node.awaitConnectError("garbage").getJsonObject("data").getString("code")).isEqualTo("TOKEN_INVALID");
  }

  private JsonObject connectionInfo(String name) {
    return node.emitWithAck(name, "getConnectionInfo").getJsonObject(0);
  }
}
