package io.herald.server.auth;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every live authenticated connection (Socket.IO sockets on any namespace, plain WebSockets), by user. A
 * connection whose token expires, or whose user logs out or is revoked, is told through its {@link Revocable} and
 * closed. Thread-safe.
 */
public final class LiveSessions {
  private static final Logger log = LoggerFactory.getLogger(LiveSessions.class);

  /** A connection that can be told its identity ended and be closed. */
  @FunctionalInterface
  public interface Revocable {
    /** Tells the client why (e.g. {@code authError}) and closes the connection. Called on any thread. */
    void revoke(AuthFailure.Code code, String message);
  }

  private final Vertx vertx;
  private final Clock clock;
  private final Map<String, Set<Handle>> byUser = new ConcurrentHashMap<>();

  public LiveSessions(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  /** Starts watching a connection: it is revoked when {@code identity}'s token expires or its user is revoked. */
  public Handle track(Identity identity, Revocable target) {
    Handle handle = new Handle(identity, target);
    byUser.computeIfAbsent(identity.userId(), id -> ConcurrentHashMap.newKeySet()).add(handle);
    handle.schedule();
    return handle;
  }

  /** Revokes every live connection of the user, on every namespace and endpoint of this node. */
  public void revokeUser(String userId, AuthFailure.Code code, String message) {
    Set<Handle> handles = byUser.get(userId);
    if (handles == null) {
      return;
    }
    for (Handle handle : List.copyOf(handles)) {
      handle.revoke(code, message);
    }
  }

  /** The number of live connections of a user on this node. */
  public int count(String userId) {
    Set<Handle> handles = byUser.get(userId);
    return handles == null ? 0 : handles.size();
  }

  /** One watched connection. */
  public final class Handle {
    private final Revocable target;
    private volatile Identity identity;
    private volatile long timer = -1;
    private volatile boolean ended;

    private Handle(Identity identity, Revocable target) {
      this.identity = identity;
      this.target = target;
    }

    public Identity identity() {
      return identity;
    }

    /** The client proved its identity again with a fresh token (same user): the expiry moves. */
    public void renew(Identity fresh) {
      if (!fresh.userId().equals(identity.userId())) {
        throw new IllegalArgumentException("renew: user " + fresh.userId() + " (expected: " + identity.userId() + ")");
      }
      identity = fresh;
      schedule();
    }

    /** The connection closed, or dropped its identity: stop watching it. */
    public void end() {
      ended = true;
      cancelTimer();
      byUser.computeIfPresent(identity.userId(), (id, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      });
    }

    private void revoke(AuthFailure.Code code, String message) {
      if (ended) {
        return;
      }
      end();
      log.info("revoking a connection of user {}: {}", identity.userId(), message);
      target.revoke(code, message);
    }

    private synchronized void schedule() {
      cancelTimer();
      long delay = Math.max(1, Duration.between(clock.instant(), identity.expiresAt()).toMillis());
      Context context = Vertx.currentContext();
      Runnable expire = () -> revoke(AuthFailure.Code.TOKEN_EXPIRED, "token expired at " + identity.expiresAt());
      timer = vertx.setTimer(delay, t -> {
        if (context != null) {
          context.runOnContext(v -> expire.run());
        } else {
          expire.run();
        }
      });
    }

    private synchronized void cancelTimer() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
