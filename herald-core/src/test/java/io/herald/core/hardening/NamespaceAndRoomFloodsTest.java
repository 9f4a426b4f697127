package io.herald.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client that asks for thousands of namespaces or rooms gets a bounded number, while a control client is served. */
class NamespaceAndRoomFloodsTest {
  private static final int MAX_NAMESPACES = 8;
  private static final int MAX_ROOMS = 100;

  private HardeningServer server;
  private ControlClient control;
  private LogCapture logs;

  @BeforeEach
  void setUp() throws Exception {
    logs = LogCapture.of(Level.INFO, LogCapture.CLIENT, LogCapture.SOCKET);
    server = HardeningServer.start(b -> b.maxNamespacesPerConnection(MAX_NAMESPACES).maxRoomsPerSocket(MAX_ROOMS),
        io -> {
          io.dynamicNamespace((name, auth) -> name.startsWith("/ns"));
          io.of("/").onConnection(socket -> socket.on("joinMany", (args, ack) -> {
            List<String> rooms = new ArrayList<>();
            for (JsonNode room : args.get(0)) {
              rooms.add(room.asText());
            }
            socket.join(rooms.toArray(String[]::new));
            ack.send(socket.rooms().size());
          }));
        });
    control = ControlClient.start(server.url());
    assertThat(control.awaitMore(3, 5_000)).isTrue();
  }

  @AfterEach
  void tearDown() throws Exception {
    control.close();
    server.close();
    logs.close();
  }

  @Test
  void aClientConnectingToThousandsOfNamespacesIsRefusedPastTheLimitThenClosed() throws Exception {
    int namespacesBefore = server.io.namespaces().size();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      try {
        for (int i = 0; i < 3_000; i++) {
          offender.sendText("40/ns" + i + ",");
        }
      } catch (IOException closedMeanwhile) {
        // the server closed the connection while the flood was being written
      }
      List<String> answers = new ArrayList<>();
      try {
        while (answers.size() < 1_000) {
          answers.add(offender.readText());
        }
      } catch (IOException closed) {
        // expected: the server closes the connection
      }
      assertThat(answers).filteredOn(a -> a.startsWith("40/ns")).hasSize(MAX_NAMESPACES - 1);
      assertThat(answers).filteredOn(a -> a.startsWith("44/ns"))
          .contains("44/ns7,{\"message\":\"too many namespaces: at most 8 per connection\"}");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("32 refused CONNECT packets"));
    assertThat(server.io.namespaces().size()).isLessThanOrEqualTo(namespacesBefore + MAX_NAMESPACES);
    assertThat(server.counts.get("limit:maxNamespacesPerConnection")).isEqualTo(32);
    assertControlStillServed();
  }

  @Test
  void aSocketJoiningThousandsOfRoomsIsHeldToMaxRoomsPerSocket() throws Exception {
    StringBuilder rooms = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      rooms.append(i == 0 ? "" : ",").append("\"room-").append(i).append('"');
    }
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      offender.sendText("421[\"joinMany\",[" + rooms + "]]");
      assertThat(offender.readText()).isEqualTo("431[" + MAX_ROOMS + "]");
      offender.sendText("422[\"joinMany\",[" + rooms + "]]");
      assertThat(offender.readText()).isEqualTo("432[" + MAX_ROOMS + "]");
    }
    assertThat(logs.messages()).filteredOn(m -> m.contains("ignored: over maxRoomsPerSocket " + MAX_ROOMS))
        .hasSize(1);
    assertThat(server.counts.get("limit:maxRoomsPerSocket")).isEqualTo(2);
    assertControlStillServed();
  }

  private void assertControlStillServed() throws InterruptedException {
    assertThat(control.awaitMore(5, 5_000)).as("the control client kept getting answers").isTrue();
    assertThat(control.connected()).isTrue();
  }
}
