package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.VertxOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
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
 *
 * <p>Each socket with a room is a {@link Member} that keeps its rooms and, once known, the socket. A room with one
 * member (a socket's own room, usually) is that member; only a room with more is a {@link Room}, whose array of
 * sockets a broadcast iterates, as it iterates the array of every member for a broadcast to the namespace: no
 * lookup per recipient. A socket's rooms change under the lock of its entry in {@code members}, which is taken
 * before that of a room.
 */
public class MemoryAdapter implements Adapter {
  protected final AdapterHost namespace;
  /** Each room's members: one {@link Member}, or a {@link Room} of two or more. */
  private final Map<String, Object> rooms = new ConcurrentHashMap<>();
  private final Map<String, Member> members = new ConcurrentHashMap<>();
  /** Every member: what a broadcast to the whole namespace iterates. */
  private final Room everyone = new Room(members.values());
  /** The most event loops a fan-out has reached so far (0 before the first): how the next one sizes its groups. */
  private volatile int fanoutLoops;

  public MemoryAdapter(AdapterHost namespace) {
    this.namespace = namespace;
  }

  @Override
  public void addAll(String socketId, Set<String> newRooms) {
    boolean[] added = new boolean[1];
    members.compute(socketId, (id, member) -> {
      Member joining = member != null ? member : new Member(id);
      for (String room : joining.join(newRooms)) {
        rooms.compute(room, (name, value) -> withMember(value, joining));
      }
      added[0] = member == null && !joining.inNoRoom();
      return joining.inNoRoom() ? null : joining;
    });
    if (added[0]) {
      everyone.changed();
    }
  }

  @Override
  public void del(String socketId, String room) {
    boolean[] removed = new boolean[1];
    members.computeIfPresent(socketId, (id, member) -> {
      if (member.leave(room)) {
        rooms.computeIfPresent(room, (name, value) -> withoutMember(value, member));
      }
      removed[0] = member.inNoRoom();
      return removed[0] ? null : member;
    });
    if (removed[0]) {
      everyone.changed();
    }
  }

  @Override
  public void delAll(String socketId) {
    boolean[] removed = new boolean[1];
    members.computeIfPresent(socketId, (id, member) -> {
      for (String room : member.leaveAll()) {
        rooms.computeIfPresent(room, (name, value) -> withoutMember(value, member));
      }
      removed[0] = true;
      return null;
    });
    if (removed[0]) {
      everyone.changed();
    }
  }

  /** Under the lock of the room's entry, as is {@link #withoutMember}. */
  private static Object withMember(Object value, Member member) {
    if (value == null) {
      return member;
    }
    if (value instanceof Member only) {
      if (only == member) {
        return only;
      }
      Room room = new Room();
      room.add(only);
      room.add(member);
      return room;
    }
    ((Room) value).add(member);
    return value;
  }

  private static Object withoutMember(Object value, Member member) {
    if (value instanceof Member) {
      return value == member ? null : value;
    }
    Room room = (Room) value;
    room.remove(member);
    // back to one member: the room goes (a broadcast reading its array meanwhile is not disturbed)
    return room.size() == 1 ? room.only() : room.size() == 0 ? null : room;
  }

  @Override
  public Set<String> socketRooms(String socketId) {
    Member member = members.get(socketId);
    return member == null ? Set.of() : member.rooms();
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
    Fanout fanout = newFanout(options, socket -> socket.deliver(packet, encoded, options.volatileDelivery()));
    forEachMatching(options, fanout::add);
    run(fanout);
  }

  @Override
  public void broadcastWithAck(SocketPacket packet, BroadcastOptions options, Duration timeout,
      IntConsumer clientCount, Consumer<JsonNode> ack) {
    List<EnginePacket> encoded = SocketEncoder.encode(packet);
    int[] count = new int[1];
    Fanout fanout = newFanout(options, socket -> socket.deliverWithAck(packet, encoded, ack));
    forEachMatching(options, socket -> {
      count[0]++;
      fanout.add(socket);
    });
    clientCount.accept(count[0]);
    run(fanout);
  }

  private Fanout newFanout(BroadcastOptions options, Consumer<LocalSocket> action) {
    int loops = fanoutLoops;
    return new Fanout(action, expectedSockets(options), loops > 0 ? loops : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE);
  }

  private void run(Fanout fanout) {
    fanout.run();
    if (fanout.loops() > fanoutLoops) {
      fanoutLoops = fanout.loops();
    }
  }

  /** At most how many local sockets the options select (sockets in several of the rooms count more than once). */
  private int expectedSockets(BroadcastOptions options) {
    if (options.rooms().isEmpty()) {
      return members.size();
    }
    int count = 0;
    for (String room : options.rooms()) {
      count += size(rooms.get(room));
    }
    return count;
  }

  private static int size(Object room) {
    return switch (room) {
      case null -> 0;
      case Member member -> 1;
      default -> ((Room) room).size();
    };
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
    members.clear();
  }

  /** Calls {@code action} once for each local socket that the options select. */
  protected void forEachMatching(BroadcastOptions options, Consumer<LocalSocket> action) {
    Set<LocalSocket> excluded = excluded(options.except());
    if (options.rooms().isEmpty()) {
      visit(everyone.sockets(namespace), excluded, action);
      return;
    }
    if (options.rooms().size() == 1) {
      Object room = rooms.get(options.rooms().iterator().next());
      if (room instanceof Member member) {
        visit(member.socket(namespace), excluded, action);
      } else if (room != null) {
        visit(((Room) room).sockets(namespace), excluded, action);
      }
      return;
    }
    Set<LocalSocket> seen = identitySet();
    for (String name : options.rooms()) {
      Object room = rooms.get(name);
      if (room instanceof Member member) {
        LocalSocket socket = member.socket(namespace);
        if (socket != null && seen.add(socket)) {
          visit(socket, excluded, action);
        }
      } else if (room != null) {
        for (LocalSocket socket : ((Room) room).sockets(namespace)) {
          if (seen.add(socket)) {
            visit(socket, excluded, action);
          }
        }
      }
    }
  }

  private static void visit(LocalSocket[] sockets, Set<LocalSocket> excluded, Consumer<LocalSocket> action) {
    for (LocalSocket socket : sockets) {
      visit(socket, excluded, action);
    }
  }

  private static void visit(LocalSocket socket, Set<LocalSocket> excluded, Consumer<LocalSocket> action) {
    if (socket != null && !excluded.contains(socket)) {
      action.accept(socket);
    }
  }

  /** The sockets in the rooms, by identity. */
  private Set<LocalSocket> excluded(Set<String> exceptRooms) {
    if (exceptRooms.isEmpty()) {
      return Set.of();
    }
    Set<LocalSocket> found = identitySet();
    for (String name : exceptRooms) {
      Object room = rooms.get(name);
      if (room instanceof Member member) {
        LocalSocket socket = member.socket(namespace);
        if (socket != null) {
          found.add(socket);
        }
      } else if (room != null) {
        Collections.addAll(found, ((Room) room).sockets(namespace));
      }
    }
    return found;
  }

  private static Set<LocalSocket> identitySet() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }
}
