package io.herald.core.hardening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import io.herald.core.engineio.EngineOptions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A thousand sockets that never read, fed a broadcast stream: each is disconnected once {@code maxBufferedBytes}
 * wait for it, the server's heap stays bounded, and a control client keeps exchanging messages.
 */
class ThousandSlowConsumersTest {
  private static final int SOCKETS = 1_000;
  private static final int ADDRESSES = 10;
  private static final int MAX_BUFFERED = 64 * 1024;
  private static final String CHUNK = "x".repeat(8 * 1024);

  private HardeningServer server;
  private ControlClient control;
  private LogCapture logs;
  private final List<RawWs> stalled = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (RawWs ws : stalled) {
      ws.close();
    }
    if (control != null) {
      control.close();
    }
    if (server != null) {
      server.close();
    }
    logs.close();
  }

  @Test
  void aThousandSocketsThatNeverReadAreDisconnectedAsSlowConsumersAndTheHeapStaysBounded() throws Exception {
    logs = LogCapture.of(Level.INFO, LogCapture.ENGINE_SESSION);
    server = HardeningServer.start(
        b -> b.engine(EngineOptions.builder().maxBufferedBytes(MAX_BUFFERED).handshakesPerIpPerSecond(0).build()),
        io -> io.of("/").onConnection(socket -> {
          if ("stalled".equals(socket.handshake().query().get("kind"))) {
            socket.join("stream");
          }
        }),
        http -> http.setSendBufferSize(16 * 1024));
    control = ControlClient.start(server.url());
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long before = usedHeapAfterGc(memory);

    try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
      List<Future<RawWs>> connecting = new ArrayList<>();
      for (int i = 0; i < SOCKETS; i++) {
        String from = "127.0.0." + (2 + i % ADDRESSES);
        connecting.add(pool.submit(() -> {
          RawWs ws = RawWs.connect(from, server.port(), "&kind=stalled", 4096);
          ws.handshake();
          return ws; // and never reads again
        }));
      }
      for (Future<RawWs> ws : connecting) {
        stalled.add(ws.get());
      }
    }
    assertThat(server.io.of("/").in("stream").fetchSockets().get().size()).isEqualTo(SOCKETS);

    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    int sent = 0;
    while (server.counts.get("slowConsumer") < SOCKETS && System.nanoTime() < deadline) {
      server.io.of("/").to("stream").emit("tick", sent++, CHUNK);
      if (sent % 20 == 0) {
        Thread.sleep(20);
      }
    }
    long peak = memory.getHeapMemoryUsage().getUsed();

    assertThat(server.counts.get("slowConsumer")).isEqualTo(SOCKETS);
    await().atMost(Duration.ofSeconds(5)).until(() -> server.io.clientsCount() == 1);
    assertThat(logs.messages()).filteredOn(m -> m.contains("closed: transport error (outbound buffer over "
        + MAX_BUFFERED + " bytes (slow consumer))")).hasSize(SOCKETS);
    // while the stalled clients keep their end open, what was written for them stays referenced: at most about
    // maxBufferedBytes each (test runs add Netty's leak-detector records on top), however long the stream ran
    long stalledGrowth = usedHeapAfterGc(memory) - before;
    assertThat(stalledGrowth).as("heap growth with %d stalled sockets after %d broadcasts (peak %d MiB used)",
        SOCKETS, sent, peak >> 20).isLessThan(256L << 20);
    assertThat(control.awaitMore(5, 5_000)).as("the control client kept getting answers").isTrue();
    assertThat(control.connected()).isTrue();

    for (RawWs ws : stalled) {
      ws.close();
    }
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
        assertThat(usedHeapAfterGc(memory) - before).as("heap growth once the stalled clients are gone")
            .isLessThan(32L << 20));
  }

  private static long usedHeapAfterGc(MemoryMXBean memory) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
