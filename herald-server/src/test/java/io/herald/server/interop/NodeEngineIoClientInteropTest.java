package io.herald.server.interop;

import static io.herald.server.interop.Payloads.binary;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Node.js {@code engine.io-client} 6.6.x (src/test/node/eio-echo.js) against the bare Engine.IO echo. */
@Timeout(60)
class NodeEngineIoClientInteropTest {

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

  /** What eio-echo.js sends, in order, as {type, data}. */
  private static List<JsonObject> expectedMessages() {
    byte[] allBytes = new byte[256];
    for (int i = 0; i < allBytes.length; i++) {
      allBytes[i] = (byte) i;
    }
    return List.of(
        message("text", "hello ✓ 🎉"),
        message("binary", binary(allBytes)),
        message("text", "{\"looks\":\"like json\",\"n\":[1,2]}"),
        message("binary", binary("4binary that starts like a text packet")),
        message("text", "b-not-base64"));
  }

  private static JsonObject message(String type, Object data) {
    return new JsonObject().put("type", type).put("data", data);
  }

  private static List<JsonObject> withoutEventField(List<JsonObject> observations) {
    return observations.stream().map(o -> message(o.getString("type"), o.getValue("data"))).toList();
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void engineIoClientGetsTextAndBinaryMessagesEchoedExactly(NodeTransport transport) {
    try (ClientProcess client = NodeClient.engineIoEcho(gateway.url(), transport)) {
      client.awaitExit();
      String transcript = client.transcript();
      assertThat(withoutEventField(client.events("sent"))).as("(script sanity check)")
          .containsExactlyElementsOf(expectedMessages());
      assertThat(withoutEventField(client.events("message"))).as("messages echoed by /engine.io/%n%s", transcript)
          .containsExactlyElementsOf(expectedMessages());
      assertThat(client.only("open").getString("transport")).as("initial transport%n%s", transcript)
          .isEqualTo(transport == NodeTransport.WEBSOCKET ? "websocket" : "polling");
      assertThat(client.only("transport").getString("name")).as("transport at the end%n%s", transcript)
          .isEqualTo(transport.finalTransport());
      assertThat(client.events("upgradeError")).as("failed upgrade probes%n%s", transcript).isEmpty();
      assertThat(client.events("upgrade")).as("upgrades%n%s", transcript).hasSize(transport.upgrades() ? 1 : 0);
      client.assertFinishedCleanly();
    }
  }
}
