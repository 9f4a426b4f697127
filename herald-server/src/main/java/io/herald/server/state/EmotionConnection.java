package io.herald.server.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.internal.TokenBucket;
import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.Identity;
import io.herald.server.auth.LiveSessions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.ServerWebSocket;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open {@code /api/ws} connection of a user. Its messages are read on its event loop; {@link #send} may be
 * called from any thread (Vert.x hands writes to the connection's event loop).
 */
final class EmotionConnection {
  /** The close code of a connection whose token expired or was revoked. */
  static final short CLOSE_UNAUTHORIZED = 4401;
  /** The close code of every connection when the node shuts down. */
  static final short CLOSE_GOING_AWAY = 1001;
  /** The close code of a connection that does not read what it is sent. */
  static final short CLOSE_SLOW_CONSUMER = 1008;

  static final int MESSAGES_PER_SECOND = 20;
  static final int MESSAGE_BURST = 20;

  private static final Logger log = LoggerFactory.getLogger(EmotionConnection.class);

  private final ServerWebSocket ws;
  private final Context context;
  private final String address;
  private final String userId;
  private final TokenBucket rate;
  private volatile LiveSessions.Handle session;
  private volatile boolean revoked;
  private boolean throttled;
  private Future<?> updates = Future.succeededFuture();

  /** A connection whose events run on {@code context}, its event loop. */
  EmotionConnection(ServerWebSocket ws, Context context, String address, String userId) {
    this.ws = ws;
    this.context = context;
    this.address = address;
    this.userId = userId;
    this.rate = new TokenBucket(MESSAGES_PER_SECOND, MESSAGE_BURST, System.nanoTime());
  }

  String userId() {
    return userId;
  }

  /** The client's IP address. */
  String address() {
    return address;
  }

  /** Starts watching the identity: the connection is closed when its token expires or its user is revoked. */
  void watch(LiveSessions live, Identity identity) {
    session = live.track(identity, this::revoke);
  }

  /** The client proved its identity again: the connection lives until the new token expires. */
  void renew(Identity identity) {
    LiveSessions.Handle current = session;
    if (current != null && !revoked) {
      current.renew(identity);
    }
  }

  /**
   * Whether the client may send another message now: not once its identity was revoked, and not beyond the rate
   * limit, which it is told once per burst.
   */
  boolean admit() {
    if (revoked) {
      return false;
    }
    if (rate.tryTake(System.nanoTime())) {
      throttled = false;
      return true;
    }
    if (!throttled) {
      throttled = true;
      send(WsMessages.error("Too many messages: at most " + MESSAGES_PER_SECOND + " per second; message dropped"));
    }
    return false;
  }

  void send(ObjectNode message) {
    send(message.toString());
  }

  /** Writes an encoded message; a client that lets its send queue fill up is disconnected. */
  void send(String text) {
    if (ws.isClosed()) {
      return;
    }
    if (ws.writeQueueFull()) {
      log.info("closing a /api/ws connection of user {}: send queue full", userId);
      ws.close(CLOSE_SLOW_CONSUMER, "slow consumer");
      return;
    }
    ws.writeTextMessage(text);
  }

  /** Closes the connection; any thread. */
  void close(short code, String reason) {
    context.runOnContext(v -> ws.close(code, reason));
  }

  /** The connection closed: stop watching its identity. */
  void closed() {
    LiveSessions.Handle current = session;
    if (current != null) {
      current.end();
    }
  }

  /** Tells the client why its identity ended, then closes; called on any thread, runs on the event loop. */
  /** Runs the connection's emotion updates one after the other, in the order the client sent them. */
  <T> Future<T> inOrder(Supplier<Future<T>> update) {
    Future<T> next = updates.transform(previous -> update.get());
    updates = next;
    return next;
  }

  private void revoke(AuthFailure.Code code, String message) {
    revoked = true;
    context.runOnContext(v -> {
      send(WsMessages.error(message, code.name()));
      ws.close(CLOSE_UNAUTHORIZED, code.name());
    });
  }
}
