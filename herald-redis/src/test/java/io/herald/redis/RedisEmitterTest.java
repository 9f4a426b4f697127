package io.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An emitter with no server of its own reaches the clients of a running server. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisEmitterTest {
  private final EmbeddedRedis redis = EmbeddedRedis.start();
  private final String key = "emitter-" + Uids.next();
  private final List<List<JsonNode>> serverSide = new CopyOnWriteArrayList<>();
  private ClusterNode node;
  private RedisEmitter emitter;
  private TestClient inRoom;
  private TestClient outside;
  private TestClient onNews;

  @BeforeEach
  void start() throws Exception {
    node = ClusterNode.start(redis.url(), key, io -> {
      io.of("/").onConnection(socket -> {
        if (socket.handshake().auth().has("room")) {
          socket.join(socket.handshake().auth().get("room").asText());
        }
      });
      io.of("/").onServerSideEmit("reindex", (args, ack) -> serverSide.add(args));
      io.of("/news");
    });
    ClusterNode.awaitCluster(List.of(node), "/", "/news");
    emitter = RedisEmitter.create(node.vertx, redis.url(), key);
    inRoom = TestClient.connect(node.url("/"), Map.of("room", "r1"));
    outside = TestClient.connect(node.url("/"), Map.of());
    onNews = TestClient.connect(node.url("/news"), Map.of());
  }

  @AfterEach
  void stop() throws Exception {
    for (TestClient client : List.of(inRoom, outside, onNews)) {
      client.close();
    }
    node.close();
    redis.close();
  }

  @Test
  void emitsToARoomAndToANamespace() throws Exception {
    emitter.to("r1").emit("room-news", Map.of("n", 1), new byte[] {9, 8}).get(5, TimeUnit.SECONDS);
    Object[] args = inRoom.next("room-news");
    assertThat(((JSONObject) args[0]).getInt("n")).isEqualTo(1);
    assertThat((byte[]) args[1]).containsExactly(9, 8);

    emitter.of("/news").emit("headline", "extra").get(5, TimeUnit.SECONDS);
    assertThat(onNews.next("headline")[0]).isEqualTo("extra");

    emitter.except("r1").emit("not-r1").get(5, TimeUnit.SECONDS);
    assertThat(outside.next("not-r1")).isNotNull();
    emitter.emit("everyone").get(5, TimeUnit.SECONDS);
    assertThat(inRoom.next("everyone")).isNotNull();
    assertThat(inRoom.received()).doesNotContain("not-r1");
    assertThat(outside.received()).doesNotContain("room-news");
  }

  @Test
  void managesSocketsAndTalksToServers() throws Exception {
    emitter.in("r1").socketsJoin("r2").get(5, TimeUnit.SECONDS);
    await().atMost(TestClient.TIMEOUT).until(() ->
        node.io.of("/").sockets().get(inRoom.id()).rooms().contains("r2"));
    emitter.in("r2").socketsLeave("r1").get(5, TimeUnit.SECONDS);
    await().atMost(TestClient.TIMEOUT).until(() ->
        !node.io.of("/").sockets().get(inRoom.id()).rooms().contains("r1"));

    emitter.serverSideEmit("reindex", "all").get(5, TimeUnit.SECONDS);
    await().atMost(TestClient.TIMEOUT).until(() -> serverSide.size() == 1);
    assertThat(serverSide.get(0).get(0).asText()).isEqualTo("all");

    emitter.in("r2").disconnectSockets(false).get(5, TimeUnit.SECONDS);
    assertThat(inRoom.next(io.socket.client.Socket.EVENT_DISCONNECT)[0]).isEqualTo("io server disconnect");
  }
}
