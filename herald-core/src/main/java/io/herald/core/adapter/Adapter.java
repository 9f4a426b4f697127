package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.socketio.SocketPacket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Keeps the rooms of one namespace and carries broadcasts to the sockets in them, on this node and, in a
 * cluster implementation, on the others. One adapter per namespace; every method may be called from any
 * thread.
 *
 * <p>The in-memory implementation is {@link MemoryAdapter}; a cluster implementation extends it so that
 * local delivery stays the same and only the fan-out to other nodes is added.
 */
public interface Adapter {
  /** Adds a socket to rooms. */
  void addAll(String socketId, Set<String> rooms);

  /** Removes a socket from one room. */
  void del(String socketId, String room);

  /** Removes a socket from every room. */
  void delAll(String socketId);

  /** The rooms a local socket is in, or an empty set. */
  Set<String> socketRooms(String socketId);

  /** The ids of the local sockets in any of the rooms (every local socket if {@code rooms} is empty). */
  Set<String> sockets(Set<String> rooms);

  /** The number of local rooms, the private room of each socket included. */
  int roomCount();

  /** Sends a packet to every matching socket. The packet is encoded once. */
  void broadcast(SocketPacket packet, BroadcastOptions options);

  /**
   * Sends a packet that expects acknowledgements. {@code clientCount} is called once per node with the number of
   * sockets the packet reached there; {@code ack} once per acknowledgement, with its first argument.
   */
  void broadcastWithAck(SocketPacket packet, BroadcastOptions options, Duration timeout, IntConsumer clientCount,
      Consumer<JsonNode> ack);

  /** The matching sockets, on every node unless {@code options.local()}. */
  CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options, Duration timeout);

  /** Makes the matching sockets join rooms. */
  void addSockets(BroadcastOptions options, Set<String> rooms);

  /** Makes the matching sockets leave rooms. */
  void delSockets(BroadcastOptions options, Set<String> rooms);

  /** Disconnects the matching sockets; with {@code close}, their whole connection. */
  void disconnectSockets(BroadcastOptions options, boolean close);

  /** Sends an event to the other nodes of the cluster, not to clients. */
  void serverSideEmit(List<Object> eventAndArgs);

  /** Sends an event to the other nodes and collects one answer per node (the first argument of its ack). */
  CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<Object> eventAndArgs, Duration timeout);

  /** The number of nodes in the cluster, this one included. */
  CompletableFuture<Integer> serverCount();

  /** Releases what the adapter holds. */
  void close();
}
