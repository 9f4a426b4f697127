package io.herald.core.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.core.engineio.EngineOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not hold up the others nor make the server buffer without bound: once
 * more than {@code maxBufferedBytes} wait for it, its connection is closed with {@code transport error}.
 */
class SlowConsumerTest {
  private static final int MAX_BUFFERED = 256 * 1024;
  private static final int MESSAGES = 2_000;
  private static final String PAYLOAD = "x".repeat(4 * 1024);
  private static final Duration BOUND = Duration.ofSeconds(20);

  private TestServer server;
  private RecordingClient normal;
  private RawWebSocket stalled;
  private final CompletableFuture<Socket> normalSocket = new CompletableFuture<>();
  private final CompletableFuture<Socket> stalledSocket = new CompletableFuture<>();
  private final Map<String, DisconnectReason> reasons = new ConcurrentHashMap<>();
  private final List<Integer> received = Collections.synchronizedList(new ArrayList<>());
  private final CountDownLatch allReceived = new CountDownLatch(MESSAGES);

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.start(
        b -> b.engine(EngineOptions.builder().maxBufferedBytes(MAX_BUFFERED).build()),
        (vertx, io) -> io.of("/").onConnection(socket -> {
          socket.join("r");
          socket.onDisconnect(reason -> reasons.put(socket.id(), reason));
          if ("stalled".equals(socket.handshake().query().get("kind"))) {
            stalledSocket.complete(socket);
          } else {
            normalSocket.complete(socket);
          }
        }));

    normal = RecordingClient.create(server.url(), RecordingClient.options("websocket"));
    normal.socket.on("m", args -> {
      received.add((Integer) args[0]);
      allReceived.countDown();
    });
    normal.connectAndAwait();
    normalSocket.get(5, SECONDS);

    // completes the Engine.IO and Socket.IO handshakes, then never reads again
    stalled = RawWebSocket.connect(server.port(), "&kind=stalled", 4096);
    assertThat(stalled.readTextFrame()).startsWith("0{");
    stalled.sendText("40");
    stalledSocket.get(5, SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (normal != null) {
      normal.close();
    }
    if (stalled != null) {
      stalled.close();
    }
    server.close();
  }

  @Test
  void aClientThatStopsReadingIsDisconnectedWithTransportErrorWhileTheOthersGetEveryMessage() throws Exception {
    Socket slow = stalledSocket.get();
    Socket fast = normalSocket.get();
    assertThat(server.io.of("/").in("r").fetchSockets().get(5, SECONDS))
        .extracting(RemoteSocket::id).containsExactlyInAnyOrder(slow.id(), fast.id());
    long deadline = System.nanoTime() + BOUND.toNanos();

    for (int i = 0; i < MESSAGES; i++) {
      server.io.of("/").to("r").emit("m", i, PAYLOAD);
    }

    await().atMost(remaining(deadline)).until(() -> reasons.containsKey(slow.id()));
    assertThat(reasons.get(slow.id())).isEqualTo(DisconnectReason.TRANSPORT_ERROR);
    assertThat(slow.connected()).isFalse();

    assertThat(allReceived.await(remaining(deadline).toMillis(), MILLISECONDS))
        .as("the normal client got %d of %d messages", received.size(), MESSAGES).isTrue();
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      expected.add(i);
    }
    assertThat(received).containsExactlyElementsOf(expected);
    assertThat(fast.connected()).isTrue();
    assertThat(reasons).doesNotContainKey(fast.id());
    assertThat(server.io.clientsCount()).isEqualTo(1);
  }

  @Test
  void volatileBroadcastsToAClientThatStopsReadingAreDroppedWithoutDisconnectingIt() throws Exception {
    Socket slow = stalledSocket.get();
    Socket fast = normalSocket.get();
    normal.events("done");

    for (int i = 0; i < MESSAGES; i++) {
      server.io.of("/").to("r").volatileDelivery().emit("m", i, PAYLOAD);
    }
    // every broadcast task queued for the stalled socket's event loop has run once this one runs
    CompletableFuture<Void> drained = new CompletableFuture<>();
    slow.context().runOnContext(v -> drained.complete(null));
    drained.get(BOUND.toSeconds(), SECONDS);
    fast.emit("done");
    normal.next("done", BOUND);

    assertThat(reasons.get(slow.id())).as("why the stalled socket was disconnected").isNull();
    assertThat(reasons.get(fast.id())).as("why the normal socket was disconnected").isNull();
    assertThat(slow.connected()).isTrue();
    assertThat(fast.connected()).isTrue();
    assertThat(received).isNotEmpty();
  }

  private static Duration remaining(long deadline) {
    long left = deadline - System.nanoTime();
    return Duration.ofNanos(Math.max(left, 1));
  }
}
