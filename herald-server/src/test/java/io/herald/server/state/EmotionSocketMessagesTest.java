package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a client may send over {@code /api/ws}, and how bad input is answered without closing the connection. */
@Timeout(60)
class EmotionSocketMessagesTest {
  private static IdentityGateway gateway;
  private static Vertx vertx;
  private static WebSocketClient client;
  private static RegisteredUser bob;

  private WsTestClient ws;

  @BeforeAll
  static void start() throws Exception {
    gateway = IdentityGateway.start();
    vertx = Vertx.vertx();
    client = vertx.createWebSocketClient();
    bob = gateway.register("bob@example.com", "correct horse battery");
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    gateway.close();
  }

  @BeforeEach
  void connect() throws Exception {
    ws = WsTestClient.withQueryToken(client, gateway.port(), bob.token());
    ws.next("connection_established");
  }

  @AfterEach
  void disconnect() {
    ws.close();
  }

  @Test
  void answersPingWithPongAndTheServerTime() throws Exception {
    ws.send(Map.of("type", "ping", "timestamp", "2023-05-09T14:40:00.000Z"));

    JsonObject pong = ws.next("pong");
    assertThat(pong.fieldNames()).containsExactlyInAnyOrder("type", "timestamp");
    assertThat(Instant.parse(pong.getString("timestamp"))).isAfter(Instant.now().minusSeconds(30));
  }

  @Test
  void answersTextThatIsNotJsonWithInvalidMessageFormatAndStaysOpen() throws Exception {
    ws.sendText("{not json");
    assertError("Invalid message format");

    ws.sendText("[\"ping\"]");
    assertError("Invalid message format");

    ws.sendText("{\"emotion\":\"happy\"}");
    assertError("Invalid message format");

    ws.roundTrip();
  }

  @Test
  void answersAnUnknownTypeByName() throws Exception {
    ws.send(Map.of("type", "dance"));

    assertError("Unknown message type: dance");
    ws.roundTrip();
  }

  @Test
  void refusesAnEmotionOutsideTheDocumentedSet() throws Exception {
    ws.send(Map.of("type", "emotion_update", "emotion", "hangry"));
    assertError("Invalid emotion: hangry (expected one of " + Emotions.expected() + ")");

    ws.send(Map.of("type", "emotion_update"));
    assertError("Invalid emotion: missing (expected one of " + Emotions.expected() + ")");

    ws.send(Map.of("type", "emotion_update", "emotion", 42));
    assertError("Invalid emotion: 42 (expected one of " + Emotions.expected() + ")");

    ws.roundTrip();
  }

  @Test
  void refusesBinaryMessages() throws Exception {
    ws.sendBinary(new byte[] {1, 2, 3});

    assertThat(ws.next("error").getString("message")).startsWith("Binary messages are not supported");
    ws.roundTrip();
  }

  @Test
  void refusesMessagesLongerThanFourKilobytes() throws Exception {
    ws.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(WsCommand.MAX_MESSAGE_CHARS) + "\"}");

    assertThat(ws.next("error").getString("message")).startsWith("Message too large");
    ws.roundTrip();
  }

  @Test
  void dropsMessagesBeyondTheRateLimitAndSaysSoOnce() throws Exception {
    int sent = EmotionConnection.MESSAGE_BURST * 3;
    for (int i = 0; i < sent; i++) {
      ws.send(Map.of("type", "ping"));
    }

    List<JsonObject> answers = new ArrayList<>();
    JsonObject answer;
    do {
      answer = ws.next();
      answers.add(answer);
    } while (!"error".equals(answer.getString("type")));
    assertThat(answer.getString("message")).startsWith("Too many messages: at most 20 per second");
    assertThat(answers).hasSizeGreaterThan(EmotionConnection.MESSAGE_BURST);

    // Once the bucket refills, pings are answered again.
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
      ws.send(Map.of("type", "ping"));
      JsonObject next;
      while ((next = ws.poll(Duration.ofMillis(100))) != null) {
        if ("pong".equals(next.getString("type"))) {
          return true;
        }
      }
      return false;
    });
  }

  @Test
  void aFailedAuthenticateIsAnErrorAndKeepsTheConnection() throws Exception {
    ws.send(Map.of("type", "authenticate", "token", "not.a.jwt"));

    JsonObject error = ws.next("error");
    assertThat(error.getString("code")).isEqualTo("TOKEN_INVALID");
    assertThat(error.getString("message")).startsWith("Authentication failed");
    ws.roundTrip();
  }

  @Test
  void aTokenOfAnotherUserCannotTakeOverTheConnection() throws Exception {
    RegisteredUser mallory = gateway.register("mallory@example.com", "correct horse battery");
    ws.send(Map.of("type", "authenticate", "token", mallory.token()));

    JsonObject error = ws.next("error");
    assertThat(error.getString("code")).isEqualTo("TOKEN_INVALID");
    assertThat(error.getString("message")).contains("another user");
    ws.send(Map.of("type", "emotion_update", "emotion", "calm"));
    assertThat(ws.next("emotion_update").getString("user_id")).isEqualTo(bob.id());
  }

  private void assertError(String message) throws InterruptedException {
    JsonObject error = ws.next("error");
    assertThat(error.getString("message")).isEqualTo(message);
    assertThat(error.fieldNames()).containsExactlyInAnyOrder("type", "message");
  }
}
