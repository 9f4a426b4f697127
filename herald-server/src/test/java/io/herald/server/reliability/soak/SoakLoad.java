package io.herald.server.reliability.soak;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The client side of a soak: holds {@code connections} sockets spread over users and loopback source addresses,
 * reopens those the gateway drops, closes and reopens a share of them every minute, pings on a schedule, and keeps
 * one {@code /api/ws} connection per user that broadcasts {@code emotion_update} to the user's room.
 */
final class SoakLoad implements AutoCloseable {
  private static final long TICK_MS = 100;
  private static final List<String> EMOTIONS = List.of("happy", "calm", "excited", "tired");

  private record Slot(Context context, SoakSocket socket) {}

  private final SoakOptions options;
  private final int port;
  private final List<String> tokens;
  private final List<String> userIds;
  private final SoakStats stats;
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final List<WebSocketClient> clients = new ArrayList<>();
  private final AtomicReferenceArray<Slot> slots;
  private final List<WebSocket> publishers = new ArrayList<>();
  private volatile boolean running = true;
  private double churnDebt;
  private int pingCursor;

  SoakLoad(SoakOptions options, int port, List<String> tokens, List<String> userIds, SoakStats stats) {
    this.options = options;
    this.port = port;
    this.tokens = tokens;
    this.userIds = userIds;
    this.stats = stats;
    this.slots = new AtomicReferenceArray<>(options.connections());
    for (int i = 1; i <= options.sourceAddresses(); i++) {
      clients.add(vertx.createWebSocketClient(new WebSocketClientOptions()
          .setLocalAddress("127.0.0." + i)
          .setMaxConnections(options.connections() + 1_000)
          .setConnectTimeout(10_000)));
    }
  }

  /** Opens every connection at {@code rampPerSecond}, then starts pings, churn and broadcasts. */
  void start() throws InterruptedException {
    long perTick = Math.max(1, options.rampPerSecond() * TICK_MS / 1000);
    for (int slot = 0; slot < options.connections(); slot++) {
      open(slot);
      if ((slot + 1) % perTick == 0) {
        TimeUnit.MILLISECONDS.sleep(TICK_MS);
      }
    }
    vertx.setPeriodic(TICK_MS, t -> pingSlice());
    vertx.setPeriodic(1_000, t -> churn());
    for (int user = 0; user < tokens.size(); user++) {
      openPublisher(user);
    }
  }

  private void open(int slot) {
    if (!running) {
      return;
    }
    Context context = vertx.getOrCreateContext();
    SoakSocket socket = new SoakSocket(stats);
    slots.set(slot, new Slot(context, socket));
    context.runOnContext(v -> {
      socket.onDrop(() -> {
        stats.drops.increment();
        vertx.setTimer(1_000, t -> open(slot));
      });
      socket.open(clients.get(slot % clients.size()), port, tokens.get(slot % tokens.size()), "soak-" + (slot % 50))
          .onSuccess(s -> stats.connects.increment())
          .onFailure(e -> {
            stats.connectFailures.increment();
            vertx.setTimer(1_000, t -> open(slot));
          });
    });
  }

  /** Pings the next slice of sockets, so that each is pinged once per {@code pingInterval}. */
  private void pingSlice() {
    int count = (int) Math.max(1, options.connections() * TICK_MS / options.pingInterval().toMillis());
    for (int i = 0; i < count; i++) {
      Slot slot = slots.get(pingCursor);
      pingCursor = (pingCursor + 1) % options.connections();
      if (slot != null) {
        slot.context().runOnContext(v -> slot.socket().ping());
      }
    }
  }

  private void churn() {
    churnDebt += options.connections() * options.churnPerMinute() / 60.0;
    for (; churnDebt >= 1 && running; churnDebt--) {
      int index = ThreadLocalRandom.current().nextInt(options.connections());
      Slot slot = slots.get(index);
      if (slot != null) {
        slot.context().runOnContext(v -> slot.socket().close());
      }
      stats.churned.increment();
      open(index);
    }
  }

  private void openPublisher(int user) {
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/api/ws?token=" + tokens.get(user));
    clients.get(user % clients.size()).connect(connect).onSuccess(ws -> {
      synchronized (publishers) {
        publishers.add(ws);
      }
      ws.textMessageHandler(text -> { });
      long interval = options.broadcastInterval().toMillis();
      vertx.setTimer(1 + ThreadLocalRandom.current().nextLong(interval), first -> vertx.setPeriodic(interval, t -> {
        if (running && !ws.isClosed()) {
          stats.broadcastSent(userIds.get(user));
          String emotion = EMOTIONS.get((int) (t % EMOTIONS.size()));
          ws.writeTextMessage("{\"type\":\"emotion_update\",\"emotion\":\"" + emotion + "\"}");
        }
      }));
    }).onFailure(e -> stats.connectFailures.increment());
  }

  /** Sockets open right now. */
  int openConnections() {
    int open = 0;
    for (int i = 0; i < slots.length(); i++) {
      Slot slot = slots.get(i);
      if (slot != null && slot.socket().isOpen()) {
        open++;
      }
    }
    return open;
  }

  /** Stops pinging, churning and reopening; the sockets stay open (to see how the gateway's shutdown treats them). */
  void stop() {
    running = false;
  }

  @Override
  public void close() {
    running = false;
    try {
      vertx.close().await(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the soak clients did not close within 30 s", e);
    }
  }
}
