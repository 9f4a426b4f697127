package io.herald.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A socket that sends more than {@code eventsPerSecond} has the excess dropped and answered with an error; one
 * that keeps doing so is disconnected. A control client sending at a normal rate is not affected.
 */
class EventRateLimitTest {
  private HardeningServer server;
  private ControlClient control;
  private LogCapture logs;

  @BeforeEach
  void setUp() throws Exception {
    logs = LogCapture.of(Level.INFO, LogCapture.SOCKET);
    server = HardeningServer.start(b -> b.eventsPerSecond(40).eventBurst(40)
        .rateLimitDisconnectAfter(Duration.ofMillis(1_500)), io -> { });
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
  void aFloodIsAnsweredWithRateLimitErrorsAndASustainedFloodIsDisconnected() throws Exception {
    List<String> received = new CopyOnWriteArrayList<>();
    try (RawWs offender = RawWs.connect(server.port(), "")) {
      offender.handshake();
      Thread reader = Thread.ofVirtual().start(() -> {
        try {
          while (true) {
            received.add(offender.readText());
          }
        } catch (IOException closed) {
          received.add("<closed>");
        }
      });
      long deadline = System.currentTimeMillis() + 8_000;
      int n = 0;
      try {
        while (!received.contains("<closed>") && System.currentTimeMillis() < deadline) {
          offender.sendText("42" + n + "[\"echo\"," + n + "]");
          offender.sendText("42[\"echo\"]");
          n++;
          Thread.sleep(2);
        }
      } catch (IOException closedMeanwhile) {
        // the server closed the connection while the flood was being written
      }
      reader.join(5_000);
    }
    assertThat(received).as("the first events, within the burst, are answered").contains("430[0]");
    assertThat(received).filteredOn(m -> m.startsWith("43") && m.contains("\"rate limit exceeded\""))
        .as("dropped events with acks get an error ack").isNotEmpty()
        .allMatch(m -> m.contains("\"status\":\"error\""));
    assertThat(received).filteredOn(m -> m.startsWith("42[\"rate_limited\"")).as("dropped events without acks")
        .isNotEmpty().hasSizeLessThan(10);
    assertThat(received).contains("41", "<closed>");
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("disconnected: over eventsPerSecond 40 for"));
    assertThat(server.counts.get("rateLimited")).isGreaterThan(0);
    assertThat(server.counts.get("limit:eventsPerSecond")).isEqualTo(1);
    assertThat(control.awaitMore(5, 5_000)).as("the control client kept getting answers").isTrue();
    assertThat(control.connected()).isTrue();
  }
}
