package io.herald.core.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The Socket.IO-level limits of a server and who hears when a client goes past them. */
record SocketLimits(int maxNamespacesPerConnection, int maxRoomsPerSocket, int maxEventNameLength,
    int eventsPerSecond, int eventBurst, Duration rateLimitDisconnectAfter, RateLimitReply rateLimitReply,
    ServerListener listener) {
  static final String MAX_NAMESPACES_PER_CONNECTION = "maxNamespacesPerConnection";
  static final String MAX_ROOMS_PER_SOCKET = "maxRoomsPerSocket";
  static final String EVENTS_PER_SECOND = "eventsPerSecond";

  SocketLimits(SocketServer.Builder b) {
    this(b.maxNamespacesPerConnection, b.maxRoomsPerSocket, b.maxEventNameLength, b.eventsPerSecond,
        b.eventBurst > 0 ? b.eventBurst : Math.max(1, 2 * b.eventsPerSecond), b.rateLimitDisconnectAfter,
        b.rateLimitReply, b.listener);
  }

  /**
   * The rooms of {@code joining} a socket in {@code current} rooms may join: those it is not in yet, as many as
   * {@code maxRoomsPerSocket} leaves room for.
   */
  List<String> roomsThatFit(Set<String> current, Set<String> joining) {
    List<String> fit = new ArrayList<>(joining.size());
    int free = maxRoomsPerSocket - current.size();
    for (String room : joining) {
      if (!current.contains(room) && fit.size() < free) {
        fit.add(room);
      }
    }
    return fit;
  }

  /** A new per-socket event rate, or {@code null} when events are not limited. */
  EventRate newEventRate() {
    return eventsPerSecond == 0 ? null : new EventRate(eventsPerSecond, eventBurst, rateLimitDisconnectAfter);
  }
}
