package io.herald.server.reliability.soak;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Socket.IO v4 socket on {@code /} over a raw WebSocket (Engine.IO 4 text frames), as light as a client can be
 * so thousands fit in the soak's JVM: authenticates with {@code auth.token}, answers pings, joins a room, sends
 * {@code ping} with acks and times them, and times the {@code emotion_update} broadcasts of its user's room.
 * Every call after {@link #open} must run on the event loop the socket was opened on.
 */
final class SoakSocket {
  private static final Pattern USER_ID = Pattern.compile("\"user_id\":\"([^\"]+)\"");

  private final SoakStats stats;
  private final Map<Integer, Long> pendingAcks = new HashMap<>();
  private WebSocket ws;
  private int nextAckId;
  private boolean closing;
  private Runnable onDrop = () -> { };

  SoakSocket(SoakStats stats) {
    this.stats = stats;
  }

  /** Connects and completes once the gateway accepted the socket ({@code 40}) and it joined {@code room}. */
  Future<SoakSocket> open(WebSocketClient client, int port, String token, String room) {
    Promise<SoakSocket> connected = Promise.promise();
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
        .setURI("/socket.io/?EIO=4&transport=websocket");
    client.connect(options).onFailure(connected::tryFail).onSuccess(socket -> {
      ws = socket;
      socket.textMessageHandler(text -> onText(text, token, room, connected));
      socket.closeHandler(v -> {
        boolean wasConnected = connected.future().succeeded();
        connected.tryFail("closed before connecting");
        if (wasConnected && !closing) {
          onDrop.run();
        }
      });
      socket.exceptionHandler(e -> { });
    });
    return connected.future();
  }

  /** What to do when the gateway closes the connection (not when {@link #close()} does). */
  void onDrop(Runnable action) {
    this.onDrop = action;
  }

  private void onText(String text, String token, String room, Promise<SoakSocket> connected) {
    if (text.isEmpty()) {
      return;
    }
    switch (text.charAt(0)) {
      case '0' -> ws.writeTextMessage("40{\"token\":\"" + token + "\"}");
      case '2' -> ws.writeTextMessage("3");
      case '4' -> onSocketPacket(text, room, connected);
      default -> { }
    }
  }

  private void onSocketPacket(String text, String room, Promise<SoakSocket> connected) {
    if (text.startsWith("40")) {
      ws.writeTextMessage("420[\"joinRoom\",\"" + room + "\"]");
      connected.tryComplete(this);
    } else if (text.startsWith("44")) {
      connected.tryFail("connect_error " + text);
      close();
    } else if (text.startsWith("43")) {
      int bracket = text.indexOf('[');
      Long sent = pendingAcks.remove(Integer.parseInt(text.substring(2, bracket)));
      if (sent != null) {
        stats.acks.record(System.nanoTime() - sent);
      }
    } else if (text.startsWith("42[\"emotion_update\"")) {
      Matcher user = USER_ID.matcher(text);
      if (user.find()) {
        stats.broadcastReceived(user.group(1));
      }
    } else if (text.startsWith("42[\"system.maintenance\"")) {
      stats.maintenanceNotices.increment();
    }
  }

  /** Sends {@code ping} with an ack; the round trip goes into {@link SoakStats#acks}. */
  void ping() {
    if (ws == null || closing || ws.isClosed()) {
      return;
    }
    int id = ++nextAckId;
    pendingAcks.put(id, System.nanoTime());
    if (pendingAcks.size() > 100) {
      pendingAcks.clear(); // acks that never came; counted as missing by the sent/received totals
    }
    stats.pingsSent.increment();
    ws.writeTextMessage("42" + id + "[\"ping\"]");
  }

  /** Leaves like a client that goes away: Socket.IO disconnect, then WebSocket close. */
  void close() {
    closing = true;
    if (ws != null && !ws.isClosed()) {
      ws.writeTextMessage("41");
      ws.close();
    }
  }

  boolean isOpen() {
    return ws != null && !closing && !ws.isClosed();
  }
}
