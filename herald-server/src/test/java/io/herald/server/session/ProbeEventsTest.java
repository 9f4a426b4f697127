package io.herald.server.session;

import static io.herald.server.session.SessionConnectTest.ISO_MILLIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.testing.IdentityGateway;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code getConnectionInfo}, {@code ping} and {@code heartbeat} on {@code /} (seed 002). */
@Timeout(60)
class ProbeEventsTest {
  private static IdentityGateway gateway;

  private NodeSockets node;
  private String socketId;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = IdentityGateway.start();
  }

  @AfterAll
  static void stopGateway() throws Exception {
    gateway.close();
  }

  @BeforeEach
  void connect() {
    node = NodeSockets.start(gateway.url());
    node.connect("a", "/", Connect.anonymous());
    socketId = node.awaitConnect("a");
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void getConnectionInfoAnswersWithTheSeedsFields() {
    JsonObject info = node.emitWithAck("a", "getConnectionInfo").getJsonObject(0);

    assertThat(info.fieldNames())
        .containsExactlyInAnyOrder("socketId", "connected", "rooms", "authenticated", "connectedAt");
    assertThat(info.getString("socketId")).isEqualTo(socketId);
    assertThat(info.getValue("connected")).isEqualTo(true);
    assertThat(info.getJsonArray("rooms")).containsExactly(socketId);
    assertThat(info.getValue("authenticated")).isEqualTo(false);
    assertThat(info.getString("connectedAt")).matches(ISO_MILLIS);
    assertThat(Instant.parse(info.getString("connectedAt"))).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
  }

  @Test
  void pingAnswersWithTheServerTimeAndEmitsPong() {
    long before = System.currentTimeMillis();

    JsonObject answer = node.emitWithAck("a", "ping").getJsonObject(0);

    assertThat(answer.fieldNames()).containsExactly("timestamp");
    assertThat(answer.getValue("timestamp")).isInstanceOf(Number.class);
    assertThat(answer.getLong("timestamp")).isBetween(before - 60_000, System.currentTimeMillis() + 60_000);
    assertThat(node.awaitEvent("a", "pong").getJsonObject(0)).isEqualTo(answer);
  }

  @Test
  void heartbeatWithAClientTimestampAnswersWithTheLatency() {
    long sent = System.currentTimeMillis() - 250;

    JsonObject answer = node.emitWithAck("a", "heartbeat", new JsonObject().put("timestamp", sent)).getJsonObject(0);

    assertThat(answer.fieldNames()).containsExactlyInAnyOrder("timestamp", "serverTime", "latency");
    assertThat(answer.getValue("timestamp")).isInstanceOf(Number.class);
    assertThat(answer.getString("serverTime")).matches(ISO_MILLIS);
    assertThat(Instant.parse(answer.getString("serverTime")).toEpochMilli()).isEqualTo(answer.getLong("timestamp"));
    assertThat(answer.getValue("latency")).isInstanceOf(Number.class);
    assertThat(answer.getLong("latency")).isBetween(200L, 60_000L);
    assertThat(node.awaitEvent("a", "heartbeatAck").getJsonObject(0)).isEqualTo(answer);
    assertThat(node.emitWithAck("a", "heartbeat", sent).getJsonObject(0).getLong("latency"))
        .as("a bare number is taken as the timestamp").isBetween(200L, 60_000L);
  }

  @Test
  void heartbeatWithoutAUsableTimestampAnswersWithANullLatency() {
    JsonObject none = node.emitWithAck("a", "heartbeat").getJsonObject(0);
    JsonObject empty = node.emitWithAck("a", "heartbeat", new JsonObject()).getJsonObject(0);
    JsonObject text = node.emitWithAck("a", "heartbeat", new JsonObject().put("timestamp", "soon")).getJsonObject(0);
    JsonObject future = node.emitWithAck("a", "heartbeat",
        new JsonObject().put("timestamp", System.currentTimeMillis() + 3_600_000)).getJsonObject(0);
    JsonObject ancient = node.emitWithAck("a", "heartbeat", new JsonObject().put("timestamp", 1)).getJsonObject(0);

    for (JsonObject answer : new JsonObject[] {none, empty, text, future, ancient}) {
      assertThat(answer.containsKey("latency")).isTrue();
      assertThat(answer.getValue("latency")).isNull();
      assertThat(answer.getValue("timestamp")).isInstanceOf(Number.class);
    }
    assertThat(node.awaitEvent("a", "heartbeatAck", 5).getJsonObject(0).getValue("latency")).isNull();
  }
}
