package io.herald.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A logout on one node reaches the user's sockets on every node. */
class RevocationAcrossNodesTest {
  private TestCluster cluster;
  private NodeSockets onB;

  @AfterEach
  void stop() throws Exception {
    if (onB != null) {
      onB.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void logoutOnOneNodeDisconnectsTheUsersSocketsOnTheOther() {
    cluster = TestCluster.start(2, Map.of());
    ClusterNode.User ann = cluster.node(0).register("ann@example.com", "correct horse battery");
    ClusterNode.User bob = cluster.node(0).register("bob@example.com", "correct horse battery");
    onB = NodeSockets.start(cluster.node(1).url());
    onB.connect("ann-media", "/media", Connect.authToken(ann.token()));
    onB.connect("bob-media", "/media", Connect.authToken(bob.token()));
    onB.awaitConnect("ann-media");
    onB.awaitConnect("bob-media");

    assertThat(cluster.node(0).logout(ann.token())).isEqualTo(200);

    JsonObject error = onB.awaitEvent("ann-media", "authError").getJsonObject(0);
    assertThat(error.getString("code")).isEqualTo("TOKEN_REVOKED");
    assertThat(onB.awaitDisconnect("ann-media")).isEqualTo("io server disconnect");
    assertThat(onB.emitWithAck("bob-media", "authenticate", new JsonObject().put("token", bob.token()))
        .getJsonObject(0).getBoolean("success")).isTrue();
  }
}
