package io.herald.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.cluster.ClusterNode;
import io.herald.server.cluster.ClusterSettings;
import io.herald.server.cluster.TestCluster;
import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Presence on two gateways sharing Redis (seed 003): {@code user_online} when a user's first socket arrives on any
 * node, {@code user_offline} after the last one is gone, each once; {@code get_online_users} on any node lists
 * every node's users; a crashed node's users are dropped within {@code HERALD_PRESENCE_TTL}.
 */
class PresenceAcrossGatewaysTest {
  private static final Duration TTL = Duration.ofSeconds(2);

  private static TestCluster cluster;
  private static NodeSockets onA;
  private static NodeSockets onB;
  private static ClusterNode.User watcher;

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(2, Map.of("HERALD_PRESENCE_TTL", "2s"));
    watcher = cluster.node(0).register("watcher@example.com", "correct horse battery");
    onA = NodeSockets.start(cluster.node(0).url());
    onB = NodeSockets.start(cluster.node(1).url());
    connect(onA, "watcher-a", watcher);
    connect(onB, "watcher-b", watcher);
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable closeable : new AutoCloseable[] {onA, onB, cluster}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        // close the rest
      }
    }
  }

  private static void connect(NodeSockets sockets, String name, ClusterNode.User user) {
    sockets.connect(name, "/", Connect.authToken(user.token()));
    sockets.awaitConnect(name);
    sockets.awaitEvent(name, "authenticated");
  }

  private static List<JsonObject> about(NodeSockets sockets, String name, String event, String userId) {
    return sockets.events(name, event).stream().map(args -> args.getJsonObject(0))
        .filter(payload -> userId.equals(payload.getString("userId"))).toList();
  }

  /** How many nodes Redis counts the user on, {@code null} for none. */
  private static String nodesHolding(String userId) throws Exception {
    ClusterSettings settings = ClusterSettings.fromEnv(cluster.env()).orElseThrow();
    Vertx vertx = Vertx.vertx();
    Redis client = Redis.createClient(vertx, settings.redisUrl());
    try {
      Response count = client.send(Request.cmd(Command.HGET).arg(settings.key("presence:users")).arg(userId))
          .await(5, TimeUnit.SECONDS);
      return count == null ? null : count.toString();
    } finally {
      client.close();
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  private static JsonObject onlineUsers(NodeSockets sockets, String name) {
    return sockets.emitWithAck(name, "get_online_users").getJsonObject(0);
  }

  private static List<String> userIds(JsonObject answer) {
    return answer.getJsonArray("users").stream().map(user -> ((JsonObject) user).getString("userId")).toList();
  }

  @Test
  void announcesAUserOnlineOnceAndOfflineOnceAcrossNodes() {
    ClusterNode.User ada = cluster.node(0).register("ada@example.com", "correct horse battery");

    connect(onA, "ada-a", ada);
    await().atMost(Duration.ofSeconds(10)).until(() -> !about(onB, "watcher-b", "user_online", ada.id()).isEmpty());
    JsonObject online = about(onB, "watcher-b", "user_online", ada.id()).get(0);
    assertThat(online.getString("email")).isEqualTo("ada@example.com");
    assertThat(online.getString("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

    JsonObject listed = onlineUsers(onB, "watcher-b"); // ada is only on A
    assertThat(userIds(listed)).contains(ada.id(), watcher.id());
    assertThat(listed.getInteger("count")).isEqualTo(listed.getJsonArray("users").size());
    assertThat(onB.awaitEvent("watcher-b", "online_users")).isNotNull();

    connect(onB, "ada-b", ada);
    // B tells Redis about its new socket asynchronously: leaving A before Redis counts ada on B would be a real
    // offline and online again, which is not what this test is about
    await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(nodesHolding(ada.id())));
    onA.disconnect("ada-a");
    onA.awaitDisconnect("ada-a");
    assertThat(userIds(onlineUsers(onA, "watcher-a"))).contains(ada.id()); // still on B
    onB.disconnect("ada-b");
    onB.awaitDisconnect("ada-b");

    await().atMost(Duration.ofSeconds(10)).until(() -> !about(onA, "watcher-a", "user_offline", ada.id()).isEmpty()
        && !about(onB, "watcher-b", "user_offline", ada.id()).isEmpty());
    assertThat(userIds(onlineUsers(onA, "watcher-a"))).doesNotContain(ada.id());
    for (var sockets : List.of(onA, onB)) {
      String name = sockets == onA ? "watcher-a" : "watcher-b";
      assertThat(about(sockets, name, "user_online", ada.id())).hasSize(1);
      assertThat(about(sockets, name, "user_offline", ada.id())).hasSize(1);
    }
  }

  @Test
  void anAnonymousSocketCountsOnceItAuthenticatesAndStopsWhenItLogsOut() {
    ClusterNode.User bea = cluster.node(0).register("bea@example.com", "correct horse battery");
    onA.connect("bea-a", "/", Connect.anonymous());
    onA.awaitConnect("bea-a");
    assertThat(userIds(onlineUsers(onB, "watcher-b"))).doesNotContain(bea.id());

    onA.emitWithAck("bea-a", "authenticate", new JsonObject().put("token", bea.token()));
    await().atMost(Duration.ofSeconds(10)).until(() -> !about(onB, "watcher-b", "user_online", bea.id()).isEmpty());
    assertThat(userIds(onlineUsers(onB, "watcher-b"))).contains(bea.id());

    onA.emitWithAck("bea-a", "logout");
    await().atMost(Duration.ofSeconds(10)).until(() -> !about(onB, "watcher-b", "user_offline", bea.id()).isEmpty());
    assertThat(userIds(onlineUsers(onB, "watcher-b"))).doesNotContain(bea.id());
    onA.disconnect("bea-a");
  }

  @Test
  void refusesToListOnlineUsersToAnAnonymousSocket() {
    onB.connect("anonymous-b", "/", Connect.anonymous());
    onB.awaitConnect("anonymous-b");

    JsonArray answer = onB.emitWithAck("anonymous-b", "get_online_users");

    JsonObject exception = onB.awaitEvent("anonymous-b", "exception").getJsonObject(0);
    assertThat(exception.getString("status")).isEqualTo("error");
    assertThat(exception.getString("message")).contains("authentication required");
    assertThat(answer.getJsonObject(0).getString("status")).isEqualTo("error");
  }

  @Test
  void dropsTheUsersOfACrashedNodeWithinTheTtl() throws Exception {
    ClusterNode.User bob = cluster.node(0).register("bob@example.com", "correct horse battery");
    ClusterSettings settings = ClusterSettings.fromEnv(cluster.env()).orElseThrow();
    Vertx vertx = Vertx.vertx();
    Redis redis = Redis.createClient(vertx, settings.redisUrl());
    try {
      RedisPresence crashing = new RedisPresence(vertx, redis, settings, "crashing-node", new RecordingTransitions());
      crashing.socketJoined(new OnlineUser(bob.id(), bob.email()));
      // the fake node announces to nobody, but the gateways see bob online
      await().atMost(Duration.ofSeconds(10)).until(() -> userIds(onlineUsers(onB, "watcher-b")).contains(bob.id()));

      crashing.halt(); // stops refreshing, leaves its entries behind
      long crashed = System.nanoTime();
      await().atMost(TTL.plusSeconds(1)).until(() -> !about(onA, "watcher-a", "user_offline", bob.id()).isEmpty());

      assertThat(Duration.ofNanos(System.nanoTime() - crashed)).isLessThanOrEqualTo(TTL.plusMillis(500));
      assertThat(userIds(onlineUsers(onB, "watcher-b"))).doesNotContain(bob.id());
    } finally {
      redis.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
