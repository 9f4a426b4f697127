package io.herald.core.hardening;

import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved socket.io-client-java client that keeps exchanging {@code echo} messages (with acks) every 50 ms
 * while a test runs, and remembers the longest time it waited for an answer.
 */
final class ControlClient implements AutoCloseable {
  private final Socket socket;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sent = new AtomicInteger();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicLong lastAnswer = new AtomicLong(System.nanoTime());
  private final AtomicLong longestGapMillis = new AtomicLong();

  private ControlClient(Socket socket) {
    this.socket = socket;
  }

  /** Connects over WebSocket and starts exchanging messages. */
  static ControlClient start(String url) throws InterruptedException {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.transports = new String[] {"websocket"};
    Socket socket = IO.socket(URI.create(url), options);
    CountDownLatch connected = new CountDownLatch(1);
    socket.once(Socket.EVENT_CONNECT, args -> connected.countDown());
    socket.connect();
    if (!connected.await(5, TimeUnit.SECONDS)) {
      throw new AssertionError("control client did not connect");
    }
    ControlClient control = new ControlClient(socket);
    control.timer.scheduleAtFixedRate(control::exchange, 0, 50, TimeUnit.MILLISECONDS);
    return control;
  }

  private void exchange() {
    int n = sent.incrementAndGet();
    socket.emit("echo", new Object[] {n}, args -> {
      long now = System.nanoTime();
      long gap = (now - lastAnswer.getAndSet(now)) / 1_000_000;
      longestGapMillis.accumulateAndGet(gap, Math::max);
      answered.incrementAndGet();
    });
  }

  int answered() {
    return answered.get();
  }

  boolean connected() {
    return socket.connected();
  }

  /** The longest time between two answers so far, in milliseconds. */
  long longestGapMillis() {
    return longestGapMillis.get();
  }

  /** Waits for {@code more} answers beyond those received so far; whether they came in time. */
  boolean awaitMore(int more, long timeoutMillis) throws InterruptedException {
    int target = answered.get() + more;
    long deadline = System.currentTimeMillis() + timeoutMillis;
    while (answered.get() < target && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    return answered.get() >= target;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    socket.disconnect();
    socket.close();
  }
}
