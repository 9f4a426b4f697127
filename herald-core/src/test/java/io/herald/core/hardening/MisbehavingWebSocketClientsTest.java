package io.herald.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.herald.core.engineio.EngineOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients that send what no Socket.IO client would, or stop answering: each is cut off with a logged reason while a
 * control client keeps exchanging messages.
 */
class MisbehavingWebSocketClientsTest {
  private static final int MAX_PAYLOAD = 10_000;

  private HardeningServer server;
  private ControlClient control;
  private LogCapture logs;

  @BeforeEach
  void setUp() {
    logs = LogCapture.of(Level.DEBUG, LogCapture.ENGINE_SESSION, LogCapture.CLIENT, LogCapture.ENGINE_SERVER);
  }

  /** Starts the server, with the given heartbeat, and the control client. */
  private void start(Duration heartbeat) throws Exception {
    server = HardeningServer.start(b -> b
        .engine(EngineOptions.builder().maxPayload(MAX_PAYLOAD).pingInterval(heartbeat).pingTimeout(heartbeat).build())
        .maxEventNameLength(64), io -> { });
    control = ControlClient.start(server.url());
    assertThat(control.awaitMore(3, 5_000)).isTrue();
  }

  private void start() throws Exception {
    start(Duration.ofSeconds(20));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (control != null) {
      control.close();
    }
    if (server != null) {
      server.close();
    }
    logs.close();
  }

  @Test
  void aMalformedEngineIoFrameClosesOnlyItsConnectionWithParseError() throws Exception {
    start();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      offender.sendText("x not an engine.io packet");
      assertThat(offender.closedByServerWithin(5_000)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("closed: parse error"));
    assertControlStillServed();
  }

  @Test
  void aMalformedSocketIoPacketClosesOnlyItsConnectionWithParseError() throws Exception {
    start();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      offender.sendText("42[\"event\", {unterminated");
      assertThat(offender.closedByServerWithin(5_000)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("invalid packet: invalid payload"));
    assertControlStillServed();
  }

  @Test
  void anOversizedFrameClosesOnlyItsConnectionNamingMaxPayload() throws Exception {
    start();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      offender.sendText("42[\"big\",\"" + "x".repeat(2 * MAX_PAYLOAD) + "\"]");
      assertThat(offender.closedByServerWithin(5_000)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("exceeds maxPayload " + MAX_PAYLOAD));
    assertControlStillServed();
  }

  @Test
  void anEventNameOverMaxEventNameLengthClosesItsConnection() throws Exception {
    start();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      offender.sendText("42[\"" + "e".repeat(65) + "\"]");
      assertThat(offender.closedByServerWithin(5_000)).isTrue();
    }
    await().atMost(Duration.ofSeconds(5))
        .until(() -> logs.contains("event name of 65 characters (expected: at most 64)"));
    assertControlStillServed();
  }

  @Test
  void aHalfOpenConnectionThatNeverAnswersPingsIsClosedByPingTimeout() throws Exception {
    start(Duration.ofMillis(400));
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      // from now on it ignores everything, pings included, and never reads
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("closed: ping timeout (no pong within 400 ms)"));
      assertThat(offender.closedByServerWithin(5_000)).isTrue();
    }
    assertControlStillServed();
  }

  @Test
  void aSecondWebSocketForTheSameSidIsRefusedAndTheFirstKeepsWorking() throws Exception {
    start();
    try (RawWs first = RawWs.connect(server.port(), "")) {
      String sid = first.handshake();
      try (RawWs second = RawWs.connect(server.port(), "&sid=" + sid)) {
        assertThat(second.closedByServerWithin(5_000)).isTrue();
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("refused a second websocket"));
      first.sendText("421[\"echo\",\"still here\"]");
      String answer;
      do {
        answer = first.readText();
        if ("2".equals(answer)) {
          first.sendText("3");
        }
      } while (!answer.startsWith("43"));
      assertThat(answer).isEqualTo("431[\"still here\"]");
    }
    assertControlStillServed();
  }

  private void assertControlStillServed() throws InterruptedException {
    assertThat(control.awaitMore(5, 5_000)).as("the control client kept getting answers").isTrue();
    assertThat(control.connected()).isTrue();
  }
}
