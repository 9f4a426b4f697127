package io.herald.server.interop;

import static io.herald.server.interop.MixedPayloads.assertArgs;
import static io.herald.server.interop.MixedPayloads.assertNotReceived;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.core.server.Socket;
import io.herald.redis.RedisEmitter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Emitters on a mixed cluster: the Node.js {@code @socket.io/redis-emitter} 5.1 reaching Herald's clients, and
 * Herald's own emitter reaching the clients of a Node.js socket.io server with {@code @socket.io/redis-adapter}.
 */
@Timeout(60)
class MixedEmitterInteropTest {

  @RegisterExtension
  static final MixedCluster cluster = new MixedCluster();

  /** Runs node-emitter.js with these operations and waits until it published them all. */
  private static void nodeEmitter(JsonObject... operations) {
    try (MixedProcess emitter = MixedProcess.node("cluster/node-emitter.js", cluster.redisUrl(),
        new JsonArray(List.of((Object[]) operations)).encode())) {
      emitter.awaitEvent("done");
    }
  }

  private static JsonObject emit(String namespace, String event, JsonArray args) {
    return new JsonObject().put("op", "emit").put("nsp", namespace).put("event", event).put("args", args);
  }

  @Test
  void nodeEmitterReachesHeraldClientsOfTheMainNamespaceWithBinaryIntact() {
    MixedClient onHerald = cluster.heraldClient("/", "h1");
    MixedClient onNode = cluster.nodeClient("/", "n1");

    nodeEmitter(emit("/", "from-emitter", MixedPayloads.json()));

    assertArgs(onHerald, "from-emitter", MixedPayloads.json());
    assertArgs(onNode, "from-emitter", MixedPayloads.json());
  }

  @Test
  void nodeEmitterReachesHeraldClientsOfARoomInACustomNamespaceOnly() {
    MixedClient inRoom = cluster.heraldClient("/custom", "in-room", "er");
    MixedClient muted = cluster.heraldClient("/custom", "muted", "er", "er-muted");
    MixedClient otherRoom = cluster.heraldClient("/custom", "other-room", "er-other");
    MixedClient mainNamespace = cluster.heraldClient("/", "main", "er");

    nodeEmitter(
        emit("/custom", "room-news", new JsonArray().add("for er")).put("to", new JsonArray().add("er"))
            .put("except", new JsonArray().add("er-muted")),
        emit("/custom", "marker", new JsonArray()),
        emit("/", "marker", new JsonArray()));

    assertArgs(inRoom, "room-news", new JsonArray().add("for er"));
    assertNotReceived(muted, "room-news", "marker");
    assertNotReceived(otherRoom, "room-news", "marker");
    assertNotReceived(mainNamespace, "room-news", "marker");
  }

  @Test
  void nodeEmitterToSeveralRoomsReachesEachHeraldClientOnce() {
    MixedClient inBoth = cluster.heraldClient("/", "in-both", "em-a", "em-b");

    nodeEmitter(
        emit("/", "multi", new JsonArray().add(1)).put("to", new JsonArray().add("em-a").add("em-b")),
        emit("/", "marker", new JsonArray()));

    inBoth.awaitEvent("marker");
    assertThat(inBoth.received("multi")).as("deliveries%n%s", inBoth.transcript()).hasSize(1);
  }

  @Test
  void nodeEmitterSocketsJoinLeaveAndDisconnectReachHeraldSockets() {
    MixedClient onHerald = cluster.heraldClient("/", "target", "ej");

    nodeEmitter(new JsonObject().put("op", "socketsJoin").put("to", new JsonArray().add("ej"))
        .put("rooms", new JsonArray().add("ej-joined")));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "ej", "ej-joined"));

    nodeEmitter(new JsonObject().put("op", "socketsLeave").put("to", new JsonArray().add("ej-joined"))
        .put("rooms", new JsonArray().add("ej")));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "ej-joined"));

    nodeEmitter(new JsonObject().put("op", "disconnectSockets").put("to", new JsonArray().add("ej-joined")));
    assertThat(onHerald.awaitDisconnected()).isEqualTo("io server disconnect");
  }

  @Test
  void nodeEmitterServerSideEmitReachesHeraldListeners() {
    nodeEmitter(new JsonObject().put("op", "serverSideEmit").put("event", "emitter-to-herald")
        .put("args", new JsonArray().add("hi").add(2)));

    await("Herald receives emitter-to-herald").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> cluster.herald().serverSideEvents().stream().anyMatch(e -> e.event().equals("emitter-to-herald")));
    MixedHeraldNode.ServerSideEvent event = cluster.herald().serverSideEvents().stream()
        .filter(e -> e.event().equals("emitter-to-herald")).findFirst().orElseThrow();
    assertThat(new JsonArray(event.args().toString())).isEqualTo(new JsonArray().add("hi").add(2));
    assertThat(event.withAck()).isFalse();
  }

  /** Herald's emitter on its own Redis connection, as a backend without a Socket.IO server would use it. */
  private static RedisEmitter heraldEmitter() {
    return RedisEmitter.create(cluster.herald().vertx(), cluster.redisUrl(), cluster.key());
  }

  private static void published(CompletableFuture<Void> publish) {
    MixedCluster.get(publish);
  }

  @Test
  void heraldEmitterReachesNodeClientsOfTheMainNamespaceWithBinaryIntact() {
    MixedClient onNode = cluster.nodeClient("/", "n1");
    MixedClient onHerald = cluster.heraldClient("/", "h1");

    published(heraldEmitter().emit("from-herald-emitter", MixedPayloads.heraldArgs()));

    assertArgs(onNode, "from-herald-emitter", MixedPayloads.json());
    assertArgs(onHerald, "from-herald-emitter", MixedPayloads.json());
  }

  @Test
  void heraldEmitterReachesNodeClientsOfARoomInACustomNamespaceOnly() {
    MixedClient inRoom = cluster.nodeClient("/custom", "in-room", "hr");
    MixedClient muted = cluster.nodeClient("/custom", "muted", "hr", "hr-muted");
    MixedClient otherRoom = cluster.nodeClient("/custom", "other-room", "hr-other");
    MixedClient mainNamespace = cluster.nodeClient("/", "main", "hr");

    RedisEmitter emitter = heraldEmitter();
    published(emitter.of("/custom").to("hr").except("hr-muted").emit("room-news", "for hr"));
    published(emitter.of("/custom").emit("marker"));
    published(emitter.emit("marker"));

    assertArgs(inRoom, "room-news", new JsonArray().add("for hr"));
    assertNotReceived(muted, "room-news", "marker");
    assertNotReceived(otherRoom, "room-news", "marker");
    assertNotReceived(mainNamespace, "room-news", "marker");
  }

  @Test
  void heraldEmitterToSeveralRoomsReachesEachNodeClientOnce() {
    MixedClient inBoth = cluster.nodeClient("/", "in-both", "hm-a", "hm-b");

    published(heraldEmitter().to("hm-a", "hm-b").emit("multi", 1));
    published(heraldEmitter().emit("marker"));

    inBoth.awaitEvent("marker");
    assertThat(inBoth.received("multi")).as("deliveries%n%s", inBoth.transcript()).hasSize(1);
  }

  @Test
  void heraldEmitterSocketsJoinLeaveAndDisconnectReachNodeSockets() {
    MixedClient onNode = cluster.nodeClient("/", "target", "hj");

    published(heraldEmitter().in("hj").socketsJoin("hj-joined"));
    awaitNodeRooms(onNode, Set.of(onNode.id(), "hj", "hj-joined"));

    published(heraldEmitter().in("hj-joined").socketsLeave("hj"));
    awaitNodeRooms(onNode, Set.of(onNode.id(), "hj-joined"));

    published(heraldEmitter().in("hj-joined").disconnectSockets(false));
    assertThat(onNode.awaitDisconnected()).isEqualTo("io server disconnect");
  }

  @Test
  void heraldEmitterServerSideEmitReachesNodeListeners() {
    published(heraldEmitter().serverSideEmit("herald-emitter-to-node", "hi", 2));

    JsonObject event = cluster.node().awaitServerSideEvent("herald-emitter-to-node");
    assertThat(event.getJsonArray("args")).isEqualTo(new JsonArray().add("hi").add(2));
    assertThat(event.getBoolean("withAck")).isFalse();
  }

  private static void awaitNodeRooms(MixedClient client, Set<String> rooms) {
    await("rooms of " + client.name() + " on Node: " + rooms).atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.node().fetchSockets(new JsonObject().put("local", true)).stream()
            .filter(s -> s.getString("id").equals(client.id()))
            .anyMatch(s -> Set.copyOf(s.getJsonArray("rooms").getList()).equals(rooms)));
  }

  private static void awaitHeraldRooms(MixedClient client, Set<String> rooms) {
    await("rooms of " + client.name() + " on Herald: " + rooms).atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> {
          Socket socket = cluster.herald().of("/").sockets().get(client.id());
          return socket != null && socket.rooms().equals(rooms);
        });
  }
}
