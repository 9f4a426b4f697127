package io.herald.redis;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.RemoteSocket;
import io.herald.core.server.SocketServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Herald servers, each with its own Vert.x, linked by one Redis, with real clients on each. Negative checks
 * end with a marker broadcast: once a client has the marker, it has everything sent to it before.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TwoServersTest {
  private static EmbeddedRedis redis;
  private final List<ClusterNode> nodes = new ArrayList<>();
  private final List<TestClient> clients = new ArrayList<>();
  private final List<List<JsonNode>> serverSideOnSecond = new CopyOnWriteArrayList<>();
  private ClusterNode first;
  private ClusterNode second;

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @BeforeEach
  void startNodes() throws Exception {
    String key = "two-" + Uids.next();
    first = ClusterNode.start(redis.url(), key, this::setUp);
    second = ClusterNode.start(redis.url(), key, io -> {
      setUp(io);
      io.of("/").onServerSideEmit("hello", (args, ack) -> {
        serverSideOnSecond.add(args);
        ack.send("hello from second");
      });
    });
    nodes.add(first);
    nodes.add(second);
    ClusterNode.awaitCluster(nodes, "/");
  }

  private void setUp(SocketServer io) {
    io.of("/").onConnection(socket -> {
      socket.data().put("user", socket.handshake().auth().path("user").asText("anonymous"));
      String room = socket.handshake().auth().path("room").asText("");
      if (!room.isEmpty()) {
        socket.join(room);
      }
    });
  }

  @AfterEach
  void stopNodes() throws Exception {
    clients.forEach(TestClient::close);
    for (ClusterNode node : nodes) {
      node.close();
    }
  }

  private TestClient connect(ClusterNode node, String user, String room) {
    TestClient client = TestClient.connect(node.url("/"), Map.of("user", user, "room", room));
    clients.add(client);
    return client;
  }

  private void settle(TestClient... all) {
    String marker = "marker-" + System.nanoTime();
    first.io.of("/").emit(marker);
    for (TestClient client : all) {
      await().atMost(TestClient.TIMEOUT).until(() -> client.received().contains(marker));
    }
  }

  @Test
  void broadcastsAndRoomsReachClientsOnBothServers() throws Exception {
    TestClient here = connect(first, "ada", "lobby");
    TestClient there = connect(second, "grace", "lobby");
    TestClient thereOutside = connect(second, "linus", "");

    first.io.of("/").emit("news", Map.of("headline", "hi"));
    assertThat(((JSONObject) there.next("news")[0]).getString("headline")).isEqualTo("hi");
    assertThat(thereOutside.next("news")).isNotNull();
    assertThat(here.next("news")).isNotNull();

    second.io.of("/").to("lobby").except("nobody").emit("lobby", new byte[] {1, 2, 3});
    assertThat((byte[]) here.next("lobby")[0]).containsExactly(1, 2, 3);
    assertThat((byte[]) there.next("lobby")[0]).containsExactly(1, 2, 3);
    first.io.of("/").local().emit("local-only");
    settle(here, there, thereOutside);
    assertThat(thereOutside.received()).doesNotContain("lobby");
    assertThat(there.received()).doesNotContain("local-only");
    assertThat(here.received()).contains("local-only");
  }

  @Test
  void acknowledgementsComeBackFromClientsOnEveryServer() throws Exception {
    for (int i = 0; i < 3; i++) {
      connect(first, "first-" + i, "").answer("poll", "first-" + i);
      connect(second, "second-" + i, "").answer("poll", "second-" + i);
    }
    List<JsonNode> answers = first.io.of("/").timeout(Duration.ofSeconds(5)).emitWithAck("poll")
        .get(10, SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder(
        "first-0", "first-1", "first-2", "second-0", "second-1", "second-2");
  }

  @Test
  void fetchSocketsFindsClientsOnBothServers() throws Exception {
    TestClient here = connect(first, "ada", "team");
    TestClient there = connect(second, "grace", "team");
    connect(second, "linus", "");

    List<RemoteSocket> found = first.io.of("/").in("team").fetchSockets().get(10, SECONDS);
    assertThat(found).extracting(RemoteSocket::id).containsExactlyInAnyOrder(here.id(), there.id());
    RemoteSocket remote = found.stream().filter(s -> s.id().equals(there.id())).findFirst().orElseThrow();
    assertThat(remote.data()).containsEntry("user", "grace");
    assertThat(remote.rooms()).contains("team", there.id());
    JsonNode handshake = (JsonNode) remote.handshake();
    assertThat(handshake.path("auth").path("user").asText()).isEqualTo("grace");
    assertThat(handshake.path("query").path("EIO").asText()).isEqualTo("4");
    assertThat(handshake.path("issued").isNumber()).isTrue();
    assertThat(handshake.path("time").asText()).contains("GMT");
    assertThat(handshake.path("headers").isObject()).isTrue();

    remote.emit("direct", "to you");
    assertThat(there.next("direct")[0]).isEqualTo("to you");
  }

  @Test
  void serverSideEventsReachTheOtherServerWithAndWithoutAcks() throws Exception {
    first.io.of("/").serverSideEmit("hello", "plain");
    await().atMost(TestClient.TIMEOUT).until(() -> serverSideOnSecond.size() == 1);
    assertThat(serverSideOnSecond.get(0).get(0).asText()).isEqualTo("plain");

    List<JsonNode> answers = first.io.of("/").serverSideEmitWithAck(Duration.ofSeconds(5), "hello", "ack me")
        .get(10, SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactly("hello from second");
  }

  @Test
  void socketsJoinLeaveAndDisconnectReachClientsOnTheOtherServer() {
    TestClient there = connect(second, "grace", "");
    TestClient thereToo = connect(second, "linus", "");

    first.io.of("/").in(there.id()).socketsJoin("vip");
    await().atMost(TestClient.TIMEOUT).until(() ->
        second.io.of("/").sockets().get(there.id()).rooms().contains("vip"));
    first.io.of("/").to("vip").emit("vip-news");
    assertThat(there.next("vip-news")).isNotNull();

    first.io.of("/").in("vip").socketsLeave("vip");
    await().atMost(TestClient.TIMEOUT).until(() ->
        !second.io.of("/").sockets().get(there.id()).rooms().contains("vip"));

    first.io.of("/").in(there.id()).disconnectSockets(false);
    assertThat(there.next(io.socket.client.Socket.EVENT_DISCONNECT)[0]).isEqualTo("io server disconnect");
    settle(thereToo);
    assertThat(thereToo.socket.connected()).isTrue();
  }
}
