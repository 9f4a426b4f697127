package io.herald.server.state;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The open {@code /api/ws} connections of this node, by user. Thread-safe. */
final class EmotionConnections {
  private final Map<String, Set<EmotionConnection>> byUser = new ConcurrentHashMap<>();

  void add(EmotionConnection connection) {
    byUser.compute(connection.userId(), (id, set) -> {
      Set<EmotionConnection> connections = set != null ? set : ConcurrentHashMap.newKeySet();
      connections.add(connection);
      return connections;
    });
  }

  void remove(EmotionConnection connection) {
    byUser.computeIfPresent(connection.userId(), (id, set) -> {
      set.remove(connection);
      return set.isEmpty() ? null : set;
    });
  }

  /** Sends a message to every connection of the user on this node; it is encoded once. */
  void push(String userId, ObjectNode message) {
    Set<EmotionConnection> connections = byUser.get(userId);
    if (connections == null) {
      return;
    }
    String text = message.toString();
    for (EmotionConnection connection : connections) {
      connection.send(text);
    }
  }

  /** Closes every connection, as the node shuts down. */
  void closeAll(short code, String reason) {
    for (Set<EmotionConnection> connections : byUser.values()) {
      for (EmotionConnection connection : connections) {
        connection.close(code, reason);
      }
    }
  }

  int count(String userId) {
    Set<EmotionConnection> connections = byUser.get(userId);
    return connections == null ? 0 : connections.size();
  }

  int count() {
    return byUser.values().stream().mapToInt(Set::size).sum();
  }
}
