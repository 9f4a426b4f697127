package io.herald.server.presence;

import io.vertx.core.Future;
import java.util.List;

/**
 * Who is online: counts each user's authenticated sockets and reports when a user comes online (the first socket
 * anywhere) and goes offline (the last one gone), once for the whole cluster. {@link LocalPresence} serves one
 * node; {@link RedisPresence} shares the counts between nodes through Redis. Thread-safe; never blocks.
 */
public interface Presence extends AutoCloseable {
  /** Hears the transitions; called on any thread, once per transition for the whole cluster. */
  interface Transitions {
    void online(OnlineUser user);

    void offline(String userId);
  }

  /** A socket of {@code user} joined on this node. */
  void socketJoined(OnlineUser user);

  /** A socket of {@code userId} left this node (disconnected or dropped its identity). */
  void socketLeft(String userId);

  /** Every user online now, on every node. */
  Future<List<OnlineUser>> onlineUsers();

  /**
   * Stops tracking: this node is going away. In a cluster, the other nodes drop its users (and announce those
   * that went offline) at their next refresh.
   */
  @Override
  void close();
}
