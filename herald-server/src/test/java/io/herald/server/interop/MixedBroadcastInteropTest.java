package io.herald.server.interop;

import static io.herald.server.interop.MixedPayloads.assertArgs;
import static io.herald.server.interop.MixedPayloads.assertNotReceived;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Broadcasts across a mixed cluster: a Node.js socket.io 4.8 server with {@code @socket.io/redis-adapter} 8.3 and a
 * Herald node with its Redis adapter on one Redis, each delivering the other's broadcasts to its own clients.
 */
@Timeout(60)
class MixedBroadcastInteropTest {

  @RegisterExtension
  static final MixedCluster cluster = new MixedCluster();

  private static JsonObject rooms(String... to) {
    return new JsonObject().put("to", new JsonArray(java.util.List.of((Object[]) to)));
  }

  @Test
  void nodeBroadcastToEveryoneReachesHeraldClientsWithBinaryIntact() {
    MixedClient onHerald = cluster.heraldClient("/", "h1");
    MixedClient onNode = cluster.nodeClient("/", "n1");

    cluster.node().broadcast(new JsonObject(), "node-to-all", MixedPayloads.json());

    assertArgs(onHerald, "node-to-all", MixedPayloads.json());
    assertArgs(onNode, "node-to-all", MixedPayloads.json());
  }

  @Test
  void heraldBroadcastToEveryoneReachesNodeClientsWithBinaryIntact() {
    MixedClient onHerald = cluster.heraldClient("/", "h1");
    MixedClient onNode = cluster.nodeClient("/", "n1");

    cluster.herald().of("/").emit("herald-to-all", MixedPayloads.heraldArgs());

    assertArgs(onNode, "herald-to-all", MixedPayloads.json());
    assertArgs(onHerald, "herald-to-all", MixedPayloads.json());
  }

  @Test
  void nodeBroadcastToARoomExceptAnotherReachesOnlyTheMatchingHeraldClients() {
    MixedClient inRoom = cluster.heraldClient("/", "in-room", "nb-room");
    MixedClient inBoth = cluster.heraldClient("/", "in-both", "nb-room", "nb-muted");
    MixedClient elsewhere = cluster.heraldClient("/", "elsewhere", "nb-other");

    cluster.node().broadcast(rooms("nb-room").put("except", new JsonArray().add("nb-muted")), "room-news",
        new JsonArray().add("for nb-room").add(new JsonObject().put("bin", Payloads.binary("x"))));
    cluster.node().broadcast(new JsonObject(), "marker", new JsonArray());

    assertArgs(inRoom, "room-news",
        new JsonArray().add("for nb-room").add(new JsonObject().put("bin", Payloads.binary("x"))));
    assertNotReceived(inBoth, "room-news", "marker");
    assertNotReceived(elsewhere, "room-news", "marker");
  }

  @Test
  void heraldBroadcastToARoomExceptAnotherReachesOnlyTheMatchingNodeClients() {
    MixedClient inRoom = cluster.nodeClient("/", "in-room", "hb-room");
    MixedClient inBoth = cluster.nodeClient("/", "in-both", "hb-room", "hb-muted");
    MixedClient elsewhere = cluster.nodeClient("/", "elsewhere", "hb-other");

    cluster.herald().of("/").to("hb-room").except("hb-muted").emit("room-news", "for hb-room", new byte[] {1, 2});
    cluster.herald().of("/").emit("marker");

    assertArgs(inRoom, "room-news", new JsonArray().add("for hb-room").add(Payloads.binary(new byte[] {1, 2})));
    assertNotReceived(inBoth, "room-news", "marker");
    assertNotReceived(elsewhere, "room-news", "marker");
  }

  @Test
  void nodeBroadcastToSeveralRoomsReachesEachHeraldClientOnce() {
    MixedClient inBoth = cluster.heraldClient("/", "in-both", "nm-a", "nm-b");
    MixedClient inB = cluster.heraldClient("/", "in-b", "nm-b");

    cluster.node().broadcast(rooms("nm-a", "nm-b"), "multi", new JsonArray().add(1));
    cluster.node().broadcast(new JsonObject(), "marker", new JsonArray());

    inBoth.awaitEvent("marker");
    inB.awaitEvent("marker");
    assertThat(inBoth.received("multi")).as("deliveries to a client in both rooms%n%s", inBoth.transcript())
        .hasSize(1);
    assertThat(inB.received("multi")).as("deliveries to a client in one room%n%s", inB.transcript()).hasSize(1);
  }

  @Test
  void heraldBroadcastToSeveralRoomsReachesEachNodeClientOnce() {
    MixedClient inBoth = cluster.nodeClient("/", "in-both", "hm-a", "hm-b");
    MixedClient inB = cluster.nodeClient("/", "in-b", "hm-b");

    cluster.herald().of("/").to("hm-a", "hm-b").emit("multi", 1);
    cluster.herald().of("/").emit("marker");

    inBoth.awaitEvent("marker");
    inB.awaitEvent("marker");
    assertThat(inBoth.received("multi")).as("deliveries to a client in both rooms%n%s", inBoth.transcript())
        .hasSize(1);
    assertThat(inB.received("multi")).as("deliveries to a client in one room%n%s", inB.transcript()).hasSize(1);
  }

  @Test
  void broadcastsStayInTheirNamespaceAcrossNodes() {
    MixedClient heraldCustom = cluster.heraldClient("/custom", "herald-custom");
    MixedClient heraldMain = cluster.heraldClient("/", "herald-main");
    MixedClient nodeCustom = cluster.nodeClient("/custom", "node-custom");
    MixedClient nodeMain = cluster.nodeClient("/", "node-main");

    cluster.node().broadcast(new JsonObject().put("nsp", "/custom"), "node-custom-news", new JsonArray().add("n"));
    cluster.herald().of("/custom").emit("herald-custom-news", "h");
    cluster.node().broadcast(new JsonObject(), "node-marker", new JsonArray());
    cluster.herald().of("/").emit("herald-marker");

    assertArgs(heraldCustom, "node-custom-news", new JsonArray().add("n"));
    assertArgs(nodeCustom, "herald-custom-news", new JsonArray().add("h"));
    assertNotReceived(heraldMain, "node-custom-news", "node-marker");
    assertNotReceived(nodeMain, "herald-custom-news", "herald-marker");
  }

  @Test
  void nodeBroadcastToNumericRoomsReachesHeraldClientsInTheRoomOfThatName() {
    // io.to(42) in Node publishes the room as a MessagePack integer (channel socket.io#/#42#)
    MixedClient inRoom = cluster.heraldClient("/", "in-42", "42");
    MixedClient excluded = cluster.heraldClient("/", "in-42-and-43", "42", "43");

    cluster.node().broadcast(new JsonObject().put("to", new JsonArray().add(42)).put("except", new JsonArray().add(43)),
        "numeric-room", new JsonArray().add("n"));
    cluster.node().broadcast(new JsonObject(), "marker", new JsonArray());

    assertArgs(inRoom, "numeric-room", new JsonArray().add("n"));
    assertNotReceived(excluded, "numeric-room", "marker");
  }

  @Test
  void heraldLocalBroadcastDoesNotReachNodeClients() {
    MixedClient onHerald = cluster.heraldClient("/", "h1");
    MixedClient onNode = cluster.nodeClient("/", "n1");

    cluster.herald().of("/").local().emit("local-only", "here");
    cluster.herald().of("/").emit("marker");

    assertArgs(onHerald, "local-only", new JsonArray().add("here"));
    assertNotReceived(onNode, "local-only", "marker");
  }
}
