package io.herald.core.server;

import java.util.Map;
import java.util.Set;

/** A socket found by {@code fetchSockets()}: on this node or on another one of the cluster. */
public interface RemoteSocket {
  String id();

  /** The handshake; for sockets on other nodes, what the adapter carried of it. */
  Object handshake();

  Set<String> rooms();

  Map<String, Object> data();

  void emit(String event, Object... args);

  void join(String... rooms);

  void leave(String room);

  void disconnect(boolean close);
}
