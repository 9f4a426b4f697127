package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Selects sockets of one namespace and acts on them all. Immutable: every selector returns a new operator.
 * Safe to use from any thread.
 *
 * <pre>{@code
 * namespace.to("room:42").except("muted").emit("message", payload);
 * namespace.timeout(Duration.ofSeconds(5)).emitWithAck("poll").thenAccept(answers -> ...);
 * }</pre>
 */
public interface BroadcastOperator {
  /** Adds rooms to reach; sockets in any of them are reached once. */
  BroadcastOperator to(String... rooms);

  /** The same as {@link #to}. */
  BroadcastOperator in(String... rooms);

  /** Leaves out the sockets in these rooms. */
  BroadcastOperator except(String... rooms);

  /** Drops the event for sockets that cannot take it right now instead of buffering it. */
  BroadcastOperator volatileDelivery();

  /** Stays on this node, even with a cluster adapter. */
  BroadcastOperator local();

  /** How long {@link #emitWithAck} waits for acknowledgements. */
  BroadcastOperator timeout(Duration timeout);

  /** Sends an event to every selected socket. The packet is encoded once. */
  void emit(String event, Object... args);

  /**
   * Sends an event that every selected socket must acknowledge. Completes with the first argument of each
   * acknowledgement once all have arrived; fails with {@link AckTimeoutException} (holding those that did)
   * when the timeout passes first. Needs a {@link #timeout}.
   */
  CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args);

  /** The selected sockets, on every node unless {@link #local}. */
  CompletableFuture<List<RemoteSocket>> fetchSockets();

  /** Makes the selected sockets join rooms. */
  void socketsJoin(String... rooms);

  /** Makes the selected sockets leave rooms. */
  void socketsLeave(String... rooms);

  /** Disconnects the selected sockets; with {@code close}, their whole connection. */
  void disconnectSockets(boolean close);
}
