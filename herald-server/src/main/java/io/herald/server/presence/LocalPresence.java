package io.herald.server.presence;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Presence on one node, in memory: a socket count per user. */
public final class LocalPresence implements Presence {
  private final Transitions transitions;
  private final Map<String, Entry> users = new HashMap<>();
  private boolean closed;

  private record Entry(OnlineUser user, int sockets) {}

  public LocalPresence(Transitions transitions) {
    this.transitions = transitions;
  }

  @Override
  public void socketJoined(OnlineUser user) {
    boolean first;
    synchronized (this) {
      if (closed) {
        return;
      }
      Entry entry = users.get(user.userId());
      first = entry == null;
      users.put(user.userId(), new Entry(user, first ? 1 : entry.sockets() + 1));
    }
    if (first) {
      transitions.online(user);
    }
  }

  @Override
  public void socketLeft(String userId) {
    boolean last;
    synchronized (this) {
      Entry entry = users.get(userId);
      if (entry == null) {
        return;
      }
      last = entry.sockets() == 1;
      if (last) {
        users.remove(userId);
      } else {
        users.put(userId, new Entry(entry.user(), entry.sockets() - 1));
      }
    }
    if (last) {
      transitions.offline(userId);
    }
  }

  @Override
  public synchronized Future<List<OnlineUser>> onlineUsers() {
    return Future.succeededFuture(snapshot());
  }

  /** The users with a socket on this node. */
  synchronized List<OnlineUser> snapshot() {
    List<OnlineUser> list = new ArrayList<>(users.size());
    users.values().forEach(entry -> list.add(entry.user()));
    return list;
  }

  /** The users and how many sockets each has here. */
  synchronized Map<OnlineUser, Integer> counts() {
    Map<OnlineUser, Integer> counts = new HashMap<>();
    users.values().forEach(entry -> counts.put(entry.user(), entry.sockets()));
    return counts;
  }

  /** Forgets everyone without telling and counts nobody from now on: the node is going away with its sockets. */
  @Override
  public synchronized void close() {
    closed = true;
    users.clear();
  }
}
