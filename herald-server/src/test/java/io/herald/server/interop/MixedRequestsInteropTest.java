package io.herald.server.interop;

import static io.herald.server.interop.MixedCluster.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.RemoteSocket;
import io.herald.core.server.Socket;
import io.herald.server.interop.MixedHeraldNode.ServerSideEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests across a mixed cluster (Node.js socket.io 4.8 + {@code @socket.io/redis-adapter} 8.3, and Herald):
 * fetchSockets, serverSideEmit with and without acknowledgements, broadcasts with acknowledgements, socketsJoin,
 * socketsLeave and disconnectSockets, each answered by the other side.
 */
@Timeout(60)
class MixedRequestsInteropTest {

  @RegisterExtension
  static final MixedCluster cluster = new MixedCluster();

  private static JsonObject to(String... rooms) {
    return new JsonObject().put("to", new JsonArray(List.of((Object[]) rooms)));
  }

  private static Object json(JsonNode node) {
    return MixedPayloads.toJson(node);
  }

  @Test
  void heraldFetchSocketsSeesNodeSocketsWithTheirRoomsAndData() {
    MixedClient onNode = cluster.nodeClient("/", "nf", "hf-a", "hf-b");
    MixedClient onHerald = cluster.heraldClient("/", "hf", "hf-a");

    List<RemoteSocket> sockets = get(cluster.herald().of("/").in("hf-a").fetchSockets());

    assertThat(sockets).extracting(RemoteSocket::id).containsExactlyInAnyOrder(onNode.id(), onHerald.id());
    RemoteSocket remote = sockets.stream().filter(s -> s.id().equals(onNode.id())).findFirst().orElseThrow();
    assertThat(remote.rooms()).isEqualTo(Set.of(onNode.id(), "hf-a", "hf-b"));
    assertThat(remote.data()).isEqualTo(Map.of("origin", "node", "name", "nf", "port", cluster.node().port()));
  }

  @Test
  void nodeFetchSocketsSeesHeraldSocketsWithTheirRoomsDataAndHandshake() {
    MixedClient onHerald = cluster.heraldClient("/", "hf", "nf-a", "nf-b");
    MixedClient onNode = cluster.nodeClient("/", "nf", "nf-a");

    List<JsonObject> sockets = cluster.node().fetchSockets(to("nf-a"));

    assertThat(sockets).extracting(s -> s.getString("id")).containsExactlyInAnyOrder(onHerald.id(), onNode.id());
    JsonObject remote = sockets.stream().filter(s -> s.getString("id").equals(onHerald.id())).findFirst()
        .orElseThrow();
    assertThat(remote.getBoolean("local")).isFalse();
    assertThat(remote.getJsonArray("rooms")).containsExactlyInAnyOrder(onHerald.id(), "nf-a", "nf-b");
    assertThat(remote.getJsonObject("data")).isEqualTo(new JsonObject().put("origin", "herald").put("name", "hf"));
    assertThat(remote.getJsonObject("query")).as("handshake.query of the remote socket").isNotNull();
    assertThat(remote.getJsonObject("query").getString("name")).isEqualTo("hf");
    assertThat(remote.getJsonObject("query").getString("room")).isEqualTo("nf-a,nf-b");
  }

  @Test
  void fetchSocketsHonoursExceptRoomsOnBothSides() {
    MixedClient heraldKept = cluster.heraldClient("/", "hk", "fx");
    cluster.heraldClient("/", "hx", "fx", "fx-no");
    MixedClient nodeKept = cluster.nodeClient("/", "nk", "fx");
    cluster.nodeClient("/", "nx", "fx", "fx-no");

    List<JsonObject> fromNode = cluster.node().fetchSockets(to("fx").put("except", new JsonArray().add("fx-no")));
    List<RemoteSocket> fromHerald = get(cluster.herald().of("/").in("fx").except("fx-no").fetchSockets());

    assertThat(fromNode).extracting(s -> s.getString("id")).containsExactlyInAnyOrder(heraldKept.id(), nodeKept.id());
    assertThat(fromHerald).extracting(RemoteSocket::id).containsExactlyInAnyOrder(heraldKept.id(), nodeKept.id());
  }

  @Test
  void nodeServerSideEmitReachesHeraldListeners() {
    cluster.node().call(NodeClusterServer.command("serverSideEmit").put("event", "node-to-herald")
        .put("args", new JsonArray().add(1).add("two").add(new JsonObject().put("k", true))));

    await("Herald receives node-to-herald").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> cluster.herald().serverSideEvents().stream().anyMatch(e -> e.event().equals("node-to-herald")));
    ServerSideEvent event = cluster.herald().serverSideEvents().stream()
        .filter(e -> e.event().equals("node-to-herald")).findFirst().orElseThrow();
    assertThat(event.namespace()).isEqualTo("/");
    assertThat(event.withAck()).isFalse();
    assertThat(new JsonArray(event.args().toString()))
        .isEqualTo(new JsonArray().add(1).add("two").add(new JsonObject().put("k", true)));
  }

  @Test
  void nodeServerSideEmitWithAckGetsHeraldsAnswer() {
    JsonObject result = cluster.node().call(NodeClusterServer.command("serverSideEmit")
        .put("event", "node-to-herald-with-ack").put("args", new JsonArray().add("q")).put("withAck", true));

    assertThat(result.getString("error")).as("error reported to Node").isNull();
    assertThat(result.getJsonArray("responses")).containsExactly(new JsonObject().put("from", "herald")
        .put("event", "node-to-herald-with-ack").put("args", new JsonArray().add("q")));
  }

  @Test
  void heraldServerSideEmitReachesNodeListeners() {
    cluster.herald().of("/").serverSideEmit("herald-to-node", 1, "two", Map.of("k", true));

    JsonObject event = cluster.node().awaitServerSideEvent("herald-to-node");
    assertThat(event.getString("nsp")).isEqualTo("/");
    assertThat(event.getBoolean("withAck")).isFalse();
    assertThat(event.getJsonArray("args")).isEqualTo(new JsonArray().add(1).add("two").add(new JsonObject().put("k", true)));
  }

  /**
   * serverSideEmit requests are JSON; Node's adapter writes them with {@code JSON.stringify}, so a Buffer argument
   * goes on the wire as {@code {"type":"Buffer","data":[1,2]}} and a Node listener receives that object. A Node
   * listener must get the same from Herald for a {@code byte[]}.
   */
  @Test
  void heraldServerSideEmitWritesBinaryArgumentsAsNodeDoes() {
    cluster.herald().of("/").serverSideEmit("herald-binary-to-node", new byte[] {1, 2});

    JsonObject event = cluster.node().awaitServerSideEvent("herald-binary-to-node");
    assertThat(event.getJsonArray("args")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("type", "Buffer").put("data", new JsonArray().add(1).add(2))));
  }

  @Test
  void heraldServerSideEmitWithAckGetsNodesAnswer() {
    List<JsonNode> answers = get(cluster.herald().of("/").serverSideEmitWithAck(Duration.ofSeconds(5),
        "herald-to-node-with-ack", "q"));

    assertThat(cluster.node().awaitServerSideEvent("herald-to-node-with-ack").getBoolean("withAck")).isTrue();
    assertThat(answers).hasSize(1);
    assertThat(json(answers.get(0))).isEqualTo(new JsonObject().put("from", "node").put("port", cluster.node().port())
        .put("event", "herald-to-node-with-ack").put("args", new JsonArray().add("q")));
  }

  @Test
  void heraldEmitWithAckCollectsAnswersFromClientsOnNodeAndHerald() {
    cluster.nodeClient("/", "node-answerer", "ha-room");
    cluster.heraldClient("/", "herald-answerer", "ha-room");

    List<JsonNode> answers = get(cluster.herald().of("/").to("ha-room").timeout(Duration.ofSeconds(5))
        .emitWithAck("question", "?", new byte[] {7}));

    assertThat(answers).extracting(MixedRequestsInteropTest::json).containsExactlyInAnyOrder(
        MixedPayloads.clientAck("node-answerer", "question"), MixedPayloads.clientAck("herald-answerer", "question"));
  }

  @Test
  void nodeEmitWithAckCollectsAnswersFromClientsOnHeraldAndNode() {
    MixedClient onHerald = cluster.heraldClient("/", "herald-answerer", "na-room");
    cluster.nodeClient("/", "node-answerer", "na-room");

    JsonObject result = cluster.node().call(to("na-room").put("cmd", "emitWithAck").put("event", "question")
        .put("args", new JsonArray().add("?").add(Payloads.binary(new byte[] {7}))).put("timeoutMs", 5000));

    assertThat(onHerald.awaitArgs("question")).isEqualTo(new JsonArray().add("?").add(Payloads.binary(new byte[] {7})));
    assertThat(result.getString("error")).as("error reported to Node").isNull();
    assertThat(result.getJsonArray("responses")).containsExactlyInAnyOrder(
        MixedPayloads.clientAck("herald-answerer", "question"), MixedPayloads.clientAck("node-answerer", "question"));
  }

  @Test
  void heraldSocketsJoinAndLeaveMoveNodeSockets() {
    MixedClient onNode = cluster.nodeClient("/", "nj", "hj");

    cluster.herald().of("/").in("hj").socketsJoin("hj-joined");
    awaitNodeRooms(onNode, List.of(onNode.id(), "hj", "hj-joined"));

    cluster.herald().of("/").in("hj-joined").socketsLeave("hj");
    awaitNodeRooms(onNode, List.of(onNode.id(), "hj-joined"));
  }

  @Test
  void nodeSocketsJoinAndLeaveMoveHeraldSockets() {
    MixedClient onHerald = cluster.heraldClient("/", "hj", "nj");

    cluster.node().call(to("nj").put("cmd", "socketsJoin").put("rooms", new JsonArray().add("nj-joined")));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "nj", "nj-joined"));

    cluster.node().call(to("nj-joined").put("cmd", "socketsLeave").put("rooms", new JsonArray().add("nj")));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "nj-joined"));
  }

  @Test
  void heraldDisconnectSocketsDisconnectsNodeClientsOfTheRoomOnly() {
    MixedClient target = cluster.nodeClient("/", "target", "hd");
    MixedClient bystander = cluster.nodeClient("/", "bystander", "hd-not");

    cluster.herald().of("/").in("hd").disconnectSockets(false);

    assertThat(target.awaitDisconnected()).isEqualTo("io server disconnect");
    cluster.herald().of("/").emit("still-there");
    bystander.awaitEvent("still-there");
    assertThat(bystander.disconnected()).as("bystander disconnected%n%s", bystander.transcript()).isFalse();
  }

  @Test
  void nodeDisconnectSocketsDisconnectsHeraldClientsOfTheRoomOnly() {
    MixedClient target = cluster.heraldClient("/", "target", "nd");
    MixedClient bystander = cluster.heraldClient("/", "bystander", "nd-not");

    cluster.node().call(to("nd").put("cmd", "disconnectSockets"));

    assertThat(target.awaitDisconnected()).isEqualTo("io server disconnect");
    cluster.node().broadcast(new JsonObject(), "still-there", new JsonArray());
    bystander.awaitEvent("still-there");
    assertThat(bystander.disconnected()).as("bystander disconnected%n%s", bystander.transcript()).isFalse();
  }

  @Test
  void heraldRemoteSocketOfANodeClientEmitsJoinsAndDisconnects() {
    MixedClient onNode = cluster.nodeClient("/", "remote", "hrs");
    List<RemoteSocket> found = get(cluster.herald().of("/").in("hrs").fetchSockets());
    assertThat(found).extracting(RemoteSocket::id).containsExactly(onNode.id());
    RemoteSocket remote = found.get(0);

    remote.emit("direct", "just you", new byte[] {5});
    assertThat(onNode.awaitArgs("direct")).isEqualTo(new JsonArray().add("just you").add(Payloads.binary(new byte[] {5})));

    remote.join("hrs-joined");
    awaitNodeRooms(onNode, List.of(onNode.id(), "hrs", "hrs-joined"));
    remote.leave("hrs");
    awaitNodeRooms(onNode, List.of(onNode.id(), "hrs-joined"));

    remote.disconnect(false);
    assertThat(onNode.awaitDisconnected()).isEqualTo("io server disconnect");
  }

  @Test
  void nodeRemoteSocketOfAHeraldClientEmitsJoinsAndDisconnects() {
    MixedClient onHerald = cluster.heraldClient("/", "remote", "nrs");
    JsonObject remote = to("nrs").put("cmd", "remoteSockets");

    JsonObject emitted = cluster.node().call(remote.copy().put("action", "emit").put("event", "direct")
        .put("args", new JsonArray().add("just you").add(Payloads.binary(new byte[] {5}))));
    assertThat(emitted.getJsonArray("ids")).containsExactly(onHerald.id());
    assertThat(onHerald.awaitArgs("direct"))
        .isEqualTo(new JsonArray().add("just you").add(Payloads.binary(new byte[] {5})));

    cluster.node().call(remote.copy().put("action", "join").put("rooms", new JsonArray().add("nrs-joined")));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "nrs", "nrs-joined"));
    cluster.node().call(to("nrs-joined").put("cmd", "remoteSockets").put("action", "leave").put("room", "nrs"));
    awaitHeraldRooms(onHerald, Set.of(onHerald.id(), "nrs-joined"));

    cluster.node().call(to("nrs-joined").put("cmd", "remoteSockets").put("action", "disconnect"));
    assertThat(onHerald.awaitDisconnected()).isEqualTo("io server disconnect");
  }

  @Test
  void nodeAllRoomsIncludesTheRoomsOfHeraldSockets() {
    MixedClient onHerald = cluster.heraldClient("/", "rooms", "ar-1", "ar-2");

    JsonArray rooms = cluster.node().call(NodeClusterServer.command("allRooms")).getJsonArray("rooms");

    assertThat(rooms).contains(onHerald.id(), "ar-1", "ar-2");
  }

  @Test
  void bothSidesCountTwoServers() {
    assertThat(cluster.node().call(NodeClusterServer.command("serverCount")).getInteger("count")).isEqualTo(2);
    assertThat(get(cluster.herald().of("/").adapter().serverCount())).isEqualTo(2);
    assertThat(get(cluster.herald().of("/custom").adapter().serverCount())).isEqualTo(2);
  }

  private static void awaitNodeRooms(MixedClient client, List<String> rooms) {
    await("rooms of " + client.name() + " on Node: " + rooms).atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> cluster.node().fetchSockets(new JsonObject().put("local", true)).stream()
            .filter(s -> s.getString("id").equals(client.id()))
            .anyMatch(s -> Set.copyOf(s.getJsonArray("rooms").getList()).equals(Set.copyOf(rooms))));
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
