package io.herald.server.reliability;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * One {@code socket.io-client-java} client with its own connection and reconnection on, the way an app uses it:
 * authenticated with a token, in a room it joins on every connect, sending {@code ping} with an ack whenever
 * {@link #tick()} is called. Counts what it sees.
 */
final class LoadClient implements AutoCloseable {
  /**
   * The client's default OkHttp runs at most 5 calls per host, and a long-poll GET or a WebSocket holds one for as
   * long as it lasts: with more clients than that, the rest would wait.
   */
  private static final OkHttpClient HTTP = new OkHttpClient.Builder()
      .dispatcher(dispatcher())
      .readTimeout(1, TimeUnit.MINUTES)
      .build();

  private final Socket socket;
  private final String room;
  private final AtomicInteger connects = new AtomicInteger();
  private final AtomicInteger maintenanceNotices = new AtomicInteger();
  private final AtomicInteger acks = new AtomicInteger();
  private final AtomicInteger roomAcks = new AtomicInteger();
  private final AtomicInteger connectErrors = new AtomicInteger();
  private volatile String lastDisconnectReason;

  LoadClient(String url, String token, String room, String transport) {
    IO.Options options = IO.Options.builder()
        .setForceNew(true)
        .setReconnection(true)
        .setReconnectionDelay(100)
        .setReconnectionDelayMax(1_000)
        .setRandomizationFactor(0.5)
        .setTransports(transport.equals("websocket") ? new String[] {"websocket"}
            : new String[] {"polling", "websocket"})
        .setAuth(Map.of("token", token))
        .build();
    options.callFactory = HTTP;
    options.webSocketFactory = HTTP;
    this.socket = IO.socket(URI.create(url), options);
    this.room = room;
    socket.on(Socket.EVENT_CONNECT, args -> {
      connects.incrementAndGet();
      socket.emit("joinRoom", new Object[] {room}, (Ack) answer -> roomAcks.incrementAndGet());
    });
    socket.on(Socket.EVENT_CONNECT_ERROR, args -> connectErrors.incrementAndGet());
    socket.on(Socket.EVENT_DISCONNECT, args -> lastDisconnectReason = String.valueOf(args[0]));
    socket.on("system.maintenance", args -> maintenanceNotices.incrementAndGet());
  }

  private static Dispatcher dispatcher() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(1_000);
    dispatcher.setMaxRequestsPerHost(1_000);
    return dispatcher;
  }

  void connect() {
    socket.connect();
  }

  /** Sends one {@code ping} with an ack, if connected. */
  void tick() {
    if (socket.connected()) {
      socket.emit("ping", new Object[0], (Ack) answer -> acks.incrementAndGet());
    }
  }

  int connects() {
    return connects.get();
  }

  int maintenanceNotices() {
    return maintenanceNotices.get();
  }

  int acks() {
    return acks.get();
  }

  int roomAcks() {
    return roomAcks.get();
  }

  int connectErrors() {
    return connectErrors.get();
  }

  String lastDisconnectReason() {
    return lastDisconnectReason;
  }

  String room() {
    return room;
  }

  @Override
  public void close() {
    socket.close();
  }

  @Override
  public String toString() {
    return "LoadClient{connects " + connects + ", maintenance " + maintenanceNotices + ", acks " + acks
        + ", room acks " + roomAcks + ", connect errors " + connectErrors + ", last disconnect "
        + lastDisconnectReason + "}";
  }
}
