package io.herald.server.interop;

import static io.herald.server.interop.Payloads.assertSameArguments;
import static io.herald.server.interop.Payloads.binary;
import static io.herald.server.interop.Payloads.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The official Node.js {@code socket.io-client} 4.8.x (src/test/node/sio-client.js) against a real Gateway, over
 * WebSocket only, HTTP long-polling only, and long-polling upgraded to WebSocket.
 */
@Timeout(60)
class NodeSocketIoClientInteropTest {

  private static TestGateway gateway;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = TestGateway.start();
  }

  @AfterAll
  static void stopGateway() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientReceivesItsHandshakeAuthInTheAuthEvent(NodeTransport transport) {
    try (ClientProcess client = NodeClient.socketIo("auth", gateway.url(), transport)) {
      client.awaitExit();
      JsonArray auth = client.only("auth").getJsonArray("args");
      assertThat(auth).as("auth event arguments%n%s", client.transcript())
          .isEqualTo(new JsonArray().add(new JsonObject().put("token", "abc").put("n", 1)));
      assertTransport(client, transport);
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientGetsMixedArgumentsIncludingNestedBinaryEchoedBackByteForByte(NodeTransport transport) {
    try (ClientProcess client = NodeClient.socketIo("echo", gateway.url(), transport)) {
      client.awaitExit();
      JsonArray expected = Payloads.nodeMixedArgs();
      assertSameArguments(client.only("sent").getJsonArray("args"), expected, "(script sanity check)");
      assertSameArguments(client.only("message-back").getJsonArray("args"), expected, client.transcript());
      assertTransport(client, transport);
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientReceivesAcknowledgementsCarryingTheSameArguments(NodeTransport transport) {
    try (ClientProcess client = NodeClient.socketIo("ack", gateway.url(), transport)) {
      client.awaitExit();
      JsonArray callbackArgs = new JsonArray()
          .add("first")
          .add(2)
          .add(new JsonObject().put("inner", new JsonObject().put("bin", binary(bytes(1, 2, 3)))));
      assertSameArguments(client.only("ack").getJsonArray("args"), callbackArgs, client.transcript());
      assertThat(client.only("ack-promise").getJsonObject("value"))
          .as("emitWithAck result%n%s", client.transcript())
          .isEqualTo(new JsonObject().put("token", "xyz").put("bin", binary("ack!")));
      assertTransport(client, transport);
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientMultiplexesNamespacesAndSeesTheirConnectErrors(NodeTransport transport) {
    try (ClientProcess client = NodeClient.socketIo("namespaces", gateway.url(), transport)) {
      client.awaitExit();
      String transcript = client.transcript();
      assertThat(client.only("multiplexed").getBoolean("value")).as("one Manager for all namespaces").isTrue();

      assertThat(namespaces(client.events("connect"))).as("connected namespaces%n%s", transcript)
          .containsExactlyInAnyOrder("/", "/custom");
      assertThat(byNamespace(client.events("auth"), "/").getJsonArray("args")).as("auth on /%n%s", transcript)
          .isEqualTo(new JsonArray().add(new JsonObject().put("ns", "root")));
      assertThat(byNamespace(client.events("auth"), "/custom").getJsonArray("args"))
          .as("auth on /custom (the CONNECT packet's own payload)%n%s", transcript)
          .isEqualTo(new JsonArray().add(new JsonObject().put("ns", "custom").put("token", "c-1")));

      List<JsonObject> errors = client.events("connect_error");
      assertThat(namespaces(errors)).as("namespaces refused%n%s", transcript)
          .containsExactlyInAnyOrder("/nope", "/refused");
      JsonObject invalid = byNamespace(errors, "/nope");
      assertThat(invalid.getString("message")).as("/nope error message%n%s", transcript)
          .isEqualTo("Invalid namespace");
      JsonObject refused = byNamespace(errors, "/refused");
      assertThat(refused.getString("message")).as("/refused error message%n%s", transcript)
          .isEqualTo("refused by middleware");
      assertThat(refused.getJsonObject("data")).as("/refused error data%n%s", transcript)
          .isEqualTo(new JsonObject().put("code", "REFUSED").put("reason", "test"));

      assertTransport(client, transport);
      client.assertFinishedCleanly();
    }
  }

  private static List<String> namespaces(List<JsonObject> observations) {
    return observations.stream().map(o -> o.getString("nsp")).toList();
  }

  private static JsonObject byNamespace(List<JsonObject> observations, String nsp) {
    List<JsonObject> matching = observations.stream().filter(o -> nsp.equals(o.getString("nsp"))).toList();
    assertThat(matching).as("observations for namespace %s among %s", nsp, observations).hasSize(1);
    return matching.get(0);
  }

  /** The client ended on the expected transport and, when it was allowed to, really upgraded. */
  static void assertTransport(ClientProcess client, NodeTransport transport) {
    String transcript = client.transcript();
    assertThat(client.only("transport").getString("name")).as("Engine.IO transport at the end%n%s", transcript)
        .isEqualTo(transport.finalTransport());
    assertThat(client.events("upgradeError")).as("failed upgrade probes%n%s", transcript).isEmpty();
    if (transport.upgrades()) {
      JsonObject upgrade = client.only("upgrade");
      assertThat(upgrade.getString("engineTransport")).as("transport after the upgrade event%n%s", transcript)
          .isEqualTo("websocket");
    } else {
      assertThat(client.events("upgrade")).as("upgrades%n%s", transcript).isEmpty();
    }
  }
}
