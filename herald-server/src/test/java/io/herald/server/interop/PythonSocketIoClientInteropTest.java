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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Debian's {@code python3-socketio} 5.7.x client (src/test/python/sio_client.py, run by HERALD_PYTHON or /usr/bin/python3) against
 * a real Gateway, over WebSocket only and over HTTP long-polling only.
 */
@Timeout(60)
class PythonSocketIoClientInteropTest {

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
  @ValueSource(strings = {"websocket", "polling"})
  void pythonClientConnectsToRootAndCustomNamespacesAndReceivesItsAuth(String transport) {
    try (ClientProcess client = PythonClient.socketIo("auth", gateway.url(), transport)) {
      client.awaitExit();
      String transcript = client.transcript();
      assertThat(client.only("connected").getJsonArray("namespaces")).as("connected namespaces%n%s", transcript)
          .isEqualTo(new JsonArray().add("/").add("/custom"));
      JsonArray expectedAuth = new JsonArray().add(new JsonObject()
          .put("token", "py-abc").put("n", 7).put("nested", new JsonObject().put("ok", true)));
      List<JsonObject> auths = client.events("auth");
      assertThat(auths.stream().map(a -> a.getString("nsp")).toList()).as("auth events%n%s", transcript)
          .containsExactly("/", "/custom");
      for (JsonObject auth : auths) {
        assertThat(auth.getJsonArray("args")).as("auth on %s%n%s", auth.getString("nsp"), transcript)
            .isEqualTo(expectedAuth);
      }
      assertThat(client.only("transport").getString("name")).as("transport%n%s", transcript).isEqualTo(transport);
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void pythonClientGetsStringsDictsAndBytesEchoedBackIdentically(String transport) {
    try (ClientProcess client = PythonClient.socketIo("echo", gateway.url(), transport)) {
      client.awaitExit();
      JsonArray expected = Payloads.commonMixedArgs();
      assertSameArguments(client.only("sent").getJsonArray("args"), expected, "(script sanity check)");
      assertSameArguments(client.only("message-back").getJsonArray("args"), expected, client.transcript());
      assertThat(client.only("transport").getString("name")).as("transport%n%s", client.transcript())
          .isEqualTo(transport);
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void pythonClientCallReturnsTheAcknowledgedArguments(String transport) {
    try (ClientProcess client = PythonClient.socketIo("ack", gateway.url(), transport)) {
      client.awaitExit();
      String transcript = client.transcript();
      JsonArray expected = new JsonArray()
          .add("first")
          .add(2)
          .add(new JsonObject().put("inner", new JsonObject().put("bin", binary(bytes(1, 2, 3)))));
      assertSameArguments(client.only("ack").getJsonArray("args"), expected, transcript);
      assertThat(client.only("ack-single").getJsonObject("value")).as("single-argument call result%n%s", transcript)
          .isEqualTo(new JsonObject().put("only", "one").put("bin", binary("ack!")));
      assertThat(client.only("transport").getString("name")).as("transport%n%s", transcript).isEqualTo(transport);
      client.assertFinishedCleanly();
    }
  }
}
