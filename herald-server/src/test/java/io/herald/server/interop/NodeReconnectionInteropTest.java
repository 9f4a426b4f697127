package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Node.js {@code socket.io-client} 4.8.x ("reconnect" scenario of sio-client.js) while the Gateway is shut
 * down gracefully and started again on the same port.
 */
@Timeout(90)
class NodeReconnectionInteropTest {

  /** Disconnect reasons that leave socket.io-client's automatic reconnection on. */
  private static final List<String> TRANSPORT_LEVEL_REASONS = List.of("transport close", "transport error");

  private TestGateway first;
  private TestGateway second;

  @AfterEach
  void stopGateways() throws Exception {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientReconnectsOnItsOwnWhenTheGatewayComesBackOnTheSamePort(NodeTransport transport) throws Exception {
    first = TestGateway.start();
    int port = first.port();
    try (ClientProcess client = NodeClient.socketIo("reconnect", first.url(), transport)) {
      JsonObject connected = client.awaitEvent("connected");
      client.awaitEvent("auth");
      if (transport.upgrades()) {
        client.awaitEvent("upgrade");
      }

      first.close();
      JsonObject disconnected = client.awaitEvent("disconnected");
      System.out.printf("[%s] disconnect reason after Gateway.close(): %s (%s)%n", transport,
          disconnected.getString("reason"), disconnected.getString("description"));
      assertThat(disconnected.getString("reason"))
          .as("disconnect reason; \"io server disconnect\" would switch automatic reconnection off%n%s",
              client.transcript())
          .isIn(TRANSPORT_LEVEL_REASONS);

      second = TestGateway.startOnPort(port);
      JsonObject reconnected = client.awaitEvent("reconnected");
      List<JsonObject> auths = client.awaitEvents("auth", 2);
      String transcript = client.transcript();
      assertThat(reconnected.getString("id")).as("a new Socket.IO session%n%s", transcript)
          .isNotBlank()
          .isNotEqualTo(connected.getString("id"));
      assertThat(auths.get(1).getInteger("connection")).as("auth of the second connection%n%s", transcript)
          .isEqualTo(2);
      assertThat(auths.get(1).getJsonArray("args")).as("auth after reconnecting%n%s", transcript)
          .isEqualTo(new JsonArray().add(new JsonObject().put("token", "abc").put("n", 1)));
      client.assertFinishedCleanly();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(NodeTransport.class)
  void nodeClientIsToldAboutMaintenanceBeforeTheGatewayCloses(NodeTransport transport) throws Exception {
    first = TestGateway.start();
    try (ClientProcess client = NodeClient.socketIo("reconnect", first.url(), transport)) {
      client.awaitEvent("auth");
      if (transport.upgrades()) {
        client.awaitEvent("upgrade");
      }
      first.close();
      client.awaitEvent("disconnected");
      String transcript = client.transcript();
      int maintenance = client.indexOf("system.maintenance");
      assertThat(maintenance).as("system.maintenance event received%n%s", transcript).isNotNegative();
      assertThat(maintenance).as("system.maintenance arrives before the disconnect%n%s", transcript)
          .isLessThan(client.indexOf("disconnected"));
    }
  }
}
