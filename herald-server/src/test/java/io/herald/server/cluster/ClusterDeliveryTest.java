package io.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two gateways with {@code HERALD_REDIS_URL} set behave as one to Node {@code socket.io-client}s connected to either,
 * and keep serving their own clients while Redis is away.
 */
class ClusterDeliveryTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  private static TestCluster cluster;
  private static NodeSockets onA;
  private static NodeSockets onB;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2, Map.of("HERALD_PRESENCE_TTL", "2s"));
    onA = NodeSockets.start(cluster.node(0).url());
    onB = NodeSockets.start(cluster.node(1).url());
    awaitRedis("up");
  }

  @AfterAll
  static void stop() {
    if (onA != null) {
      onA.close();
    }
    if (onB != null) {
      onB.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private static void awaitRedis(String status) {
    await().atMost(WAIT).untilAsserted(() -> {
      for (int i = 0; i < 2; i++) {
        assertThat(cluster.node(i).health().getJsonObject("details").getJsonObject("redis").getString("status"))
            .isEqualTo(status);
      }
    });
  }

  private static void joinRoom(NodeSockets sockets, String name, String room) {
    sockets.connect(name, "/", Connect.anonymous());
    sockets.awaitConnect(name);
    assertThat(sockets.emitWithAck(name, "joinRoom", room).getJsonObject(0).getBoolean("success")).isTrue();
  }

  private static void broadcastFromA(String room, String event, int n) {
    cluster.node(0).gateway().io().of("/").to(room).emit(event, new JsonObject().put("n", n));
  }

  @Test
  void aBroadcastToARoomReachesItsMembersOnEveryNode() {
    joinRoom(onA, "lobby-a", "lobby");
    joinRoom(onB, "lobby-b", "lobby");
    joinRoom(onB, "elsewhere-b", "elsewhere");

    broadcastFromA("lobby", "news", 1);

    assertThat(onA.awaitEvent("lobby-a", "news").getJsonObject(0).getInteger("n")).isEqualTo(1);
    assertThat(onB.awaitEvent("lobby-b", "news").getJsonObject(0).getInteger("n")).isEqualTo(1);
    onB.emitWithAck("elsewhere-b", "ping");
    assertThat(onB.events("elsewhere-b", "news")).isEmpty();
  }

  @Test
  void servesLocalClientsWhileRedisIsDownAndLinksNodesAgainWhenItIsBack() {
    joinRoom(onA, "outage-a", "outage");
    joinRoom(onB, "outage-b", "outage");
    assertThat(cluster.node(0).health().getString("status")).isEqualTo("ok");

    cluster.redis().stop();
    try {
      awaitRedis("down");
      JsonObject health = cluster.node(0).health();
      assertThat(health.getString("status")).isEqualTo("degraded");
      assertThat(health.getJsonObject("details").getJsonObject("redis").getString("error")).isNotBlank();
      assertThat(health.getJsonObject("details").getJsonObject("websocket").getInteger("connectedClients"))
          .isPositive();

      broadcastFromA("outage", "local", 1);
      assertThat(onA.awaitEvent("outage-a", "local").getJsonObject(0).getInteger("n")).isEqualTo(1);
      joinRoom(onA, "during-outage-a", "outage"); // new clients are served too
    } finally {
      cluster.redis().startAgain();
    }

    awaitRedis("up");
    assertThat(cluster.node(1).health().getString("status")).isEqualTo("ok");
    int[] sent = {0};
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
      broadcastFromA("outage", "resumed", ++sent[0]);
      return !onB.events("outage-b", "resumed").isEmpty();
    });
    assertThat(onA.awaitEvent("during-outage-a", "resumed")).isNotNull();
  }
}
