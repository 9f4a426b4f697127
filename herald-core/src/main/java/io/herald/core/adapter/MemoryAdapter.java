package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a single node: rooms in memory, delivery to local sockets only. Safe for use from any
 * thread. A cluster adapter extends it and adds the traffic between nodes.
 */
public class MemoryAdapter implements Adapter {
  protected final AdapterHost namespace;
  private final Map<String, Set<String>> rooms = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> socketRooms = new ConcurrentHashMap<>();

  public MemoryAdapter(AdapterHost namespace) {
    this.namespace = namespace;
  }

  @Override
  public void addAll(String socketId, Set<String> newRooms) {
    for (String room : newRooms) {
      socketRooms.compute(socketId, (id, set) -> {
        Set<String> joined = set != null ? set : ConcurrentHashMap.newKeySet(2);
        joined.add(room);
        return joined;
      });
      rooms.compute(room, (name, members) -> {
        Set<String> set = members != null ? members : ConcurrentHashMap.newKeySet(4);
        set.add(socketId);
        return set;
      });
    }
  }

  @Override
  public void del(String socketId, String room) {
    socketRooms.computeIfPresent(socketId, (id, set) -> {
      set.remove(room);
      return set.isEmpty() ? null : set;
    });
    rooms.computeIfPresent(room, (name, members) -> {
      members.remove(socketId);
      return members.isEmpty() ? null : members;
    });
  }

  @Override
  public void delAll(String socketId) {
    Set<String> joined = socketRooms.remove(socketId);
    if (joined == null) {
      return;
    }
    for (String room : joined) {
      rooms.computeIfPresent(room, (name, members) -> {
        members.remove(socketId);
        return members.isEmpty() ? null : members;
      });
    }
  }

  @Override
  public Set<String> socketRooms(String socketId) {
    Set<String> joined = socketRooms.get(socketId);
    return joined == null ? Set.of() : Set.copyOf(joined);
  }

  @Override
  public Set<String> sockets(Set<String> inRooms) {
    Set<String> ids = new HashSet<>();
    forEachMatching(new BroadcastOptions(inRooms, Set.of(), false, true), socket -> ids.add(socket.id()));
    return ids;
  }

  @Override
  public int roomCount() {
    return rooms.size();
  }

  /** Every room on this node with its member count is kept; this lists the room names. */
  public Set<String> localRooms() {
    return Set.copyOf(rooms.keySet());
  }

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions options) {
    List<EnginePacket> encoded = SocketEncoder.encode(packet);
    Fanout fanout = new Fanout(socket -> socket.deliver(packet, encoded, options.volatileDelivery()));
    forEachMatching(options, fanout::add);
    fanout.run();
  }

  @Override
  public void broadcastWithAck(SocketPacket packet, BroadcastOptions options, Duration timeout,
      IntConsumer clientCount, Consumer<JsonNode> ack) {
    List<EnginePacket> encoded = SocketEncoder.encode(packet);
    int[] count = new int[1];
    Fanout fanout = new Fanout(socket -> socket.deliverWithAck(packet, encoded, ack));
    forEachMatching(options, socket -> {
      count[0]++;
      fanout.add(socket);
    });
    clientCount.accept(count[0]);
    fanout.run();
  }

  @Override
  public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options, Duration timeout) {
    List<SocketDetails> found = new ArrayList<>();
    forEachMatching(options, socket -> found.add(socket.details()));
    return CompletableFuture.completedFuture(found);
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> newRooms) {
    forEachMatching(options, socket -> addAll(socket.id(), newRooms));
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> oldRooms) {
    forEachMatching(options, socket -> oldRooms.forEach(room -> del(socket.id(), room)));
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    List<LocalSocket> matching = new ArrayList<>();
    forEachMatching(options, matching::add);
    matching.forEach(socket -> socket.disconnect(close));
  }

  @Override
  public void serverSideEmit(List<Object> eventAndArgs) {
    // a single node has no other node to tell
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<Object> eventAndArgs, Duration timeout) {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<Integer> serverCount() {
    return CompletableFuture.completedFuture(1);
  }

  @Override
  public void close() {
    rooms.clear();
    socketRooms.clear();
  }

  /** Calls {@code action} once for each local socket that the options select. */
  protected void forEachMatching(BroadcastOptions options, Consumer<LocalSocket> action) {
    Set<String> excluded = excludedIds(options.except());
    if (options.rooms().isEmpty()) {
      for (String id : socketRooms.keySet()) {
        visit(id, excluded, action);
      }
      return;
    }
    if (options.rooms().size() == 1) {
      Set<String> members = rooms.get(options.rooms().iterator().next());
      if (members != null) {
        for (String id : members) {
          visit(id, excluded, action);
        }
      }
      return;
    }
    Set<String> seen = new HashSet<>();
    for (String room : options.rooms()) {
      Set<String> members = rooms.get(room);
      if (members == null) {
        continue;
      }
      for (String id : members) {
        if (seen.add(id)) {
          visit(id, excluded, action);
        }
      }
    }
  }

  private void visit(String id, Set<String> excluded, Consumer<LocalSocket> action) {
    if (excluded.contains(id)) {
      return;
    }
    LocalSocket socket = namespace.socket(id);
    if (socket != null) {
      action.accept(socket);
    }
  }

  private Set<String> excludedIds(Set<String> exceptRooms) {
    if (exceptRooms.isEmpty()) {
      return Set.of();
    }
    Set<String> ids = new HashSet<>();
    for (String room : exceptRooms) {
      Set<String> members = rooms.get(room);
      if (members != null) {
        ids.addAll(members);
      }
    }
    return ids;
  }
}
