package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An emotion set on one device reaches all of its user's devices and sockets, is stored, and reaches no one else. */
@Timeout(60)
class EmotionSyncTest {
  private static IdentityGateway gateway;
  private static Vertx vertx;
  private static WebSocketClient client;

  @BeforeAll
  static void start() throws Exception {
    gateway = IdentityGateway.start();
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    gateway.close();
  }

  @Test
  void openConnectionsCountInHealth() throws Exception {
    RegisteredUser gil = gateway.register("gil-health@example.com", "correct horse battery");
    int before = apiWsConnections();
    try (WsTestClient phone = connected(WsTestClient.withQueryToken(client, gateway.port(), gil.token()));
        WsTestClient tablet = connected(WsTestClient.withHeaderToken(client, gateway.port(), gil.token()))) {
      assertThat(apiWsConnections()).isEqualTo(before + 2);
    }
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
        .until(() -> apiWsConnections() == before);
  }

  private static int apiWsConnections() throws Exception {
    JsonObject websocket = new JsonObject(gateway.get("/health", null).body())
        .getJsonObject("details").getJsonObject("websocket");
    int apiWs = websocket.getJsonObject("connections").getInteger("apiWs");
    assertThat(websocket.getInteger("connectedClients"))
        .isEqualTo(apiWs + websocket.getJsonObject("connections").getInteger("socketIo"));
    return apiWs;
  }

  @Test
  void anUpdateReachesEveryDeviceAndSocketIoSocketOfTheUserAndNoOneElse() throws Exception {
    RegisteredUser cat = gateway.register("cat@example.com", "correct horse battery");
    RegisteredUser dan = gateway.register("dan@example.com", "correct horse battery");
    try (WsTestClient phone = connected(WsTestClient.withQueryToken(client, gateway.port(), cat.token()));
        WsTestClient tablet = connected(WsTestClient.withHeaderToken(client, gateway.port(), cat.token()));
        WsTestClient other = connected(WsTestClient.withQueryToken(client, gateway.port(), dan.token()));
        SocketIoTestClient catBrowser = SocketIoTestClient.connect(gateway.url(), cat.token(), "emotion_update");
        SocketIoTestClient danBrowser = SocketIoTestClient.connect(gateway.url(), dan.token(), "emotion_update")) {

      phone.send(Map.of("type", "emotion_update", "emotion", "sad", "timestamp", "2023-05-09T14:45:00.000Z"));

      JsonObject onPhone = phone.next("emotion_update");
      assertThat(onPhone.fieldNames()).containsExactlyInAnyOrder("type", "user_id", "emotion", "timestamp");
      assertThat(onPhone.getString("user_id")).isEqualTo(cat.id());
      assertThat(onPhone.getString("emotion")).isEqualTo("sad");
      assertThat(Instant.parse(onPhone.getString("timestamp"))).isAfter(Instant.now().minusSeconds(30));
      assertThat(tablet.next("emotion_update")).isEqualTo(onPhone);
      assertThat(catBrowser.next()).isEqualTo(onPhone);

      // Dan's own update is the first thing Dan's connections see: Cat's never reached them.
      other.send(Map.of("type", "emotion_update", "emotion", "calm"));
      JsonObject danUpdate = other.next("emotion_update");
      assertThat(danUpdate.getString("user_id")).isEqualTo(dan.id());
      assertThat(danUpdate.getString("emotion")).isEqualTo("calm");
      assertThat(danBrowser.next()).isEqualTo(danUpdate);
      // And Dan's update never reached Cat: the next thing Cat's phone sees is its own pong.
      phone.roundTrip();
      tablet.roundTrip();
    }
  }

  @Test
  void theCurrentEmotionIsServedOverRestOnceSet() throws Exception {
    RegisteredUser eve = gateway.register("eve@example.com", "correct horse battery");
    HttpResponse<String> before = gateway.get("/api/emotions/me", eve.token());
    assertThat(before.statusCode()).isEqualTo(404);
    assertThat(new JsonObject(before.body()).getString("error")).isEqualTo("not_found");

    JsonObject pushed;
    try (WsTestClient ws = connected(WsTestClient.withQueryToken(client, gateway.port(), eve.token()))) {
      ws.send(Map.of("type", "emotion_update", "emotion", " Excited "));
      pushed = ws.next("emotion_update");
    }
    assertThat(pushed.getString("emotion")).isEqualTo("excited");

    HttpResponse<String> after = gateway.get("/api/emotions/me", eve.token());
    assertThat(after.statusCode()).isEqualTo(200);
    JsonObject current = new JsonObject(after.body());
    assertThat(current.fieldNames()).containsExactlyInAnyOrder("user_id", "emotion", "timestamp");
    assertThat(current.getString("user_id")).isEqualTo(eve.id());
    assertThat(current.getString("emotion")).isEqualTo("excited");
    assertThat(current.getString("timestamp")).isEqualTo(pushed.getString("timestamp"));
  }

  @Test
  void theCurrentEmotionNeedsAValidToken() throws Exception {
    HttpResponse<String> anonymous = gateway.get("/api/emotions/me", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(anonymous.body()).getString("error")).isEqualTo("TOKEN_MISSING");

    HttpResponse<String> garbage = gateway.get("/api/emotions/me", "not.a.jwt");
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(new JsonObject(garbage.body()).getString("error")).isEqualTo("TOKEN_INVALID");
  }

  private static WsTestClient connected(WsTestClient ws) throws InterruptedException {
    ws.next("connection_established");
    return ws;
  }
}
