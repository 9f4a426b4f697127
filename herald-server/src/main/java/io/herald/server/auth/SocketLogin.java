package io.herald.server.auth;

import com.fasterxml.jackson.annotation.JsonValue;
import io.herald.core.server.Socket;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The node-local side of a socket's identity: the {@link Identity}, the {@link LiveSessions.Handle} that
 * watches its token, and the queue that runs the socket's {@code authenticate} and {@code logout} requests one
 * after the other. Kept in the socket's data, so that every {@link SocketAuth} reaches it; written as
 * {@code null} when the data is serialised (fetchSockets across nodes carries the plain values of
 * {@link SocketIdentity} instead).
 *
 * <p>The handle and the queue are confined to the socket's context; the identity is read from any thread.
 */
final class SocketLogin {
  private static final String KEY = "herald.login";

  private volatile Identity identity;
  private volatile Instant authenticatedAt;
  private LiveSessions.Handle handle;
  private boolean endsOnDisconnect;
  private Future<?> queue = Future.succeededFuture();

  private SocketLogin() {}

  /** The socket's login, created if it has none yet. */
  static SocketLogin of(Socket socket) {
    return (SocketLogin) socket.data().computeIfAbsent(KEY, key -> new SocketLogin());
  }

  /** The socket's login, or {@code null}. */
  static SocketLogin find(Socket socket) {
    return socket.data().get(KEY) instanceof SocketLogin login ? login : null;
  }

  Identity identity() {
    return identity;
  }

  Instant authenticatedAt() {
    return authenticatedAt;
  }

  void identify(Identity identity, Instant at) {
    this.identity = identity;
    this.authenticatedAt = at;
  }

  /** Runs {@code operation} once every operation queued before it has completed. */
  <T> Future<T> serially(Supplier<Future<T>> operation) {
    Future<T> next = queue.transform(previous -> operation.get());
    queue = next;
    return next;
  }

  boolean tracked() {
    return handle != null;
  }

  /** Watches the current identity through {@code handle}; the watch ends when the socket disconnects. */
  void track(Socket socket, LiveSessions.Handle handle) {
    untrack();
    this.handle = handle;
    if (!endsOnDisconnect) {
      endsOnDisconnect = true;
      socket.onDisconnect(reason -> untrack());
    }
  }

  /** The same user proved itself again: its connection now lasts until {@code fresh} expires. */
  void renew(Identity fresh) {
    handle.renew(fresh);
  }

  void untrack() {
    if (handle != null) {
      handle.end();
      handle = null;
    }
  }

  /** What other nodes see of this entry of the socket's data. */
  @JsonValue
  Object json() {
    return null;
  }

  @Override
  public String toString() {
    Identity current = identity;
    return "SocketLogin{" + (current == null ? "anonymous" : current.userId()) + "}";
  }
}
