package io.herald.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.cluster.ClusterSettings;
import io.herald.server.cluster.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisPresence} on one real Redis: the presence contract for one node, and two nodes whose transitions
 * happen once for the whole cluster.
 */
class RedisPresenceTest extends PresenceContract {
  private static final Duration TTL = Duration.ofSeconds(2);

  private static TestRedis redis;
  private static Vertx vertx;
  private static Redis client;

  private final List<RedisPresence> nodes = new ArrayList<>();
  private ClusterSettings settings;
  private RecordingTransitions seenByA;
  private RecordingTransitions seenByB;
  private RedisPresence a;
  private RedisPresence b;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
    vertx = Vertx.vertx();
    client = Redis.createClient(vertx, redis.url());
  }

  @AfterAll
  static void stopRedis() throws Exception {
    client.close();
    vertx.close().await(10, TimeUnit.SECONDS);
    redis.close();
  }

  @BeforeEach
  void startNodes() {
    settings = new ClusterSettings(redis.url(), "presence-" + System.nanoTime(), TTL);
    seenByA = new RecordingTransitions();
    seenByB = new RecordingTransitions();
    a = node("a", seenByA);
    b = node("b", seenByB);
  }

  @AfterEach
  void stopNodes() {
    nodes.forEach(RedisPresence::halt);
  }

  @Override
  Presence presence(Presence.Transitions transitions) {
    return node("contract-" + nodes.size(), transitions);
  }

  private RedisPresence node(String id, Presence.Transitions transitions) {
    RedisPresence node = new RedisPresence(vertx, client, settings, id, transitions);
    nodes.add(node);
    return node;
  }

  private List<String> seenByAll() {
    List<String> all = new ArrayList<>(seenByA.seen());
    all.addAll(seenByB.seen());
    return all;
  }

  private List<OnlineUser> online(RedisPresence node) throws Exception {
    return node.onlineUsers().await(5, TimeUnit.SECONDS);
  }

  @Test
  void announcesAUserOnceWhateverTheNumberOfSocketsAndNodes() throws Exception {
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    await().atMost(WAIT).until(() -> seenByA.seen().contains("online:u1:u1@example.com"));
    b.socketJoined(new OnlineUser("u1", "u1@example.com"));
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    await().atMost(WAIT).until(() -> online(b).size() == 1);
    a.socketLeft("u1");
    a.socketLeft("u1");
    b.socketLeft("u1");
    await().atMost(WAIT).until(() -> seenByAll().contains("offline:u1"));

    assertThat(seenByAll()).containsExactly("online:u1:u1@example.com", "offline:u1");
    assertThat(seenByB.seen()).containsExactly("offline:u1");
    assertThat(online(a)).isEmpty();
  }

  @Test
  void listsTheUsersOfEveryNode() throws Exception {
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    b.socketJoined(new OnlineUser("u2", null));

    await().atMost(WAIT).untilAsserted(() -> assertThat(online(a))
        .containsExactlyInAnyOrder(new OnlineUser("u1", "u1@example.com"), new OnlineUser("u2", null)));
    assertThat(online(b)).hasSize(2);
  }

  @Test
  void dropsTheUsersOfANodeThatStopsRefreshingWithinTheTtl() throws Exception {
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    b.socketJoined(new OnlineUser("u2", "u2@example.com"));
    await().atMost(WAIT).until(() -> online(b).size() == 2);

    a.halt(); // a crash: no goodbye, no more refreshes
    long crashed = System.nanoTime();
    await().atMost(TTL.plusMillis(500)).until(() -> seenByB.seen().contains("offline:u1"));

    assertThat(Duration.ofNanos(System.nanoTime() - crashed)).isLessThanOrEqualTo(TTL.plusMillis(500));
    assertThat(online(b)).containsExactly(new OnlineUser("u2", "u2@example.com"));
    assertThat(seenByAll()).filteredOn(seen -> seen.startsWith("offline")).containsExactly("offline:u1");
  }

  @Test
  void aNodeThatLeavesHasItsUsersDroppedAtTheNextRefresh() throws Exception {
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    await().atMost(WAIT).until(() -> online(b).size() == 1);

    a.leave().await(5, TimeUnit.SECONDS);

    await().atMost(TTL).until(() -> seenByB.seen().contains("offline:u1"));
  }

  @Test
  void registersItsUsersAgainWhenRedisHasLostThem() throws Exception {
    a.socketJoined(new OnlineUser("u1", "u1@example.com"));
    await().atMost(WAIT).until(() -> online(b).size() == 1);

    client.send(Request.cmd(Command.FLUSHALL)).await(5, TimeUnit.SECONDS);
    assertThat(online(b)).isEmpty();

    await().atMost(TTL).until(() -> online(b).size() == 1);
    a.socketLeft("u1");
    await().atMost(WAIT).until(() -> seenByA.seen().contains("offline:u1"));
  }
}
