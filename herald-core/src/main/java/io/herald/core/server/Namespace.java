package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.Adapter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A namespace: its middleware, its connection handlers, its sockets and rooms. As a
 * {@link BroadcastOperator} it reaches every socket in it.
 */
public interface Namespace extends BroadcastOperator {
  /** The name, such as {@code /} or {@code /chat}. */
  String name();

  /** Adds a middleware; they run in the order added. */
  Namespace use(Middleware middleware);

  /** Called for every socket that has connected, after the middleware let it through. */
  Namespace onConnection(Consumer<Socket> handler);

  /** Listens for events that other nodes send with {@link #serverSideEmit}. */
  Namespace onServerSideEmit(String event, EventListener listener);

  /** The sockets connected to this namespace on this node, by id. */
  Map<String, Socket> sockets();

  Adapter adapter();

  /** Sends an event to the other nodes of the cluster (not to clients). */
  void serverSideEmit(String event, Object... args);

  /** Sends an event to the other nodes and collects one answer per node. */
  CompletableFuture<List<JsonNode>> serverSideEmitWithAck(Duration timeout, String event, Object... args);
}
