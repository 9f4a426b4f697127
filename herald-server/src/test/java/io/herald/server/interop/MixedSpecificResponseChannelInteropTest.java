package io.herald.server.interop;

import static io.herald.server.interop.MixedCluster.get;
import static io.herald.server.interop.MixedPayloads.assertArgs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.RemoteSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The mixed cluster with the Node adapter's non-default options on both sides: a custom channel prefix
 * ({@code key}) and {@code publishOnSpecificResponseChannel: true}, where answers go to the requesting node's own
 * {@code <key>-response#<nsp>#<uid>#} channel.
 */
@Timeout(60)
class MixedSpecificResponseChannelInteropTest {

  @RegisterExtension
  static final MixedCluster cluster = new MixedCluster("mixed-key", true);

  private static JsonObject to(String... rooms) {
    return new JsonObject().put("to", new JsonArray(List.of((Object[]) rooms)));
  }

  @Test
  void broadcastsCrossBothWaysUnderTheCustomKey() {
    MixedClient onHerald = cluster.heraldClient("/", "h1", "sk");
    MixedClient onNode = cluster.nodeClient("/", "n1", "sk");

    cluster.node().broadcast(to("sk"), "from-node", MixedPayloads.json());
    cluster.herald().of("/").to("sk").emit("from-herald", MixedPayloads.heraldArgs());

    assertArgs(onHerald, "from-node", MixedPayloads.json());
    assertArgs(onNode, "from-herald", MixedPayloads.json());
    assertThat(cluster.monitor().since(0)).allSatisfy(message -> assertThat(message.channel()).startsWith("mixed-key"));
  }

  @Test
  void fetchSocketsAnswersComeBackOnTheRequestersChannel() {
    MixedClient onHerald = cluster.heraldClient("/", "hf", "sf");
    MixedClient onNode = cluster.nodeClient("/", "nf", "sf");

    List<JsonObject> fromNode = cluster.node().fetchSockets(to("sf"));
    List<RemoteSocket> fromHerald = get(cluster.herald().of("/").in("sf").fetchSockets());

    assertThat(fromNode).extracting(s -> s.getString("id")).containsExactlyInAnyOrder(onHerald.id(), onNode.id());
    assertThat(fromHerald).extracting(RemoteSocket::id).containsExactlyInAnyOrder(onHerald.id(), onNode.id());
  }

  @Test
  void serverSideEmitAcksCrossBothWays() {
    JsonObject fromNode = cluster.node().call(NodeClusterServer.command("serverSideEmit")
        .put("event", "node-to-herald-with-ack").put("args", new JsonArray().add("q")).put("withAck", true));
    List<JsonNode> fromHerald = get(cluster.herald().of("/").serverSideEmitWithAck(Duration.ofSeconds(5),
        "herald-to-node-with-ack", "q"));

    assertThat(fromNode.getString("error")).isNull();
    assertThat(fromNode.getJsonArray("responses")).containsExactly(new JsonObject().put("from", "herald")
        .put("event", "node-to-herald-with-ack").put("args", new JsonArray().add("q")));
    assertThat(fromHerald).hasSize(1);
    assertThat(MixedPayloads.toJson(fromHerald.get(0))).isEqualTo(new JsonObject().put("from", "node")
        .put("port", cluster.node().port()).put("event", "herald-to-node-with-ack").put("args", new JsonArray().add("q")));
  }

  @Test
  void broadcastAcksCrossBothWays() {
    cluster.nodeClient("/", "node-answerer", "sa");
    cluster.heraldClient("/", "herald-answerer", "sa");

    List<JsonNode> fromHerald = get(cluster.herald().of("/").to("sa").timeout(Duration.ofSeconds(5))
        .emitWithAck("question"));
    JsonObject fromNode = cluster.node().call(to("sa").put("cmd", "emitWithAck").put("event", "question")
        .put("timeoutMs", 5000));

    assertThat(fromHerald).extracting(MixedPayloads::toJson).containsExactlyInAnyOrder(
        MixedPayloads.clientAck("node-answerer", "question"), MixedPayloads.clientAck("herald-answerer", "question"));
    assertThat(fromNode.getString("error")).isNull();
    assertThat(fromNode.getJsonArray("responses")).containsExactlyInAnyOrder(
        MixedPayloads.clientAck("node-answerer", "question"), MixedPayloads.clientAck("herald-answerer", "question"));
  }

  @Test
  void nodeEmitterWithTheCustomKeyReachesHeraldClients() {
    MixedClient onHerald = cluster.heraldClient("/", "h1", "se");

    try (MixedProcess emitter = MixedProcess.node("cluster/node-emitter.js", cluster.redisUrl(),
        new JsonArray().add(new JsonObject().put("op", "emit").put("to", new JsonArray().add("se"))
            .put("event", "from-emitter").put("args", new JsonArray().add("k"))).encode(), cluster.key())) {
      emitter.awaitEvent("done");
    }

    assertArgs(onHerald, "from-emitter", new JsonArray().add("k"));
  }
}
