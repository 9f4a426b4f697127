package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.herald.core.adapter.AdapterHost;
import io.herald.core.adapter.SocketDetails;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The socket of one client in one namespace. State lives on the client's context. */
final class DefaultSocket implements Socket, AdapterHost.LocalSocket {
  private static final Logger log = LoggerFactory.getLogger(DefaultSocket.class);

  private final String id;
  private final DefaultNamespace namespace;
  private final Client client;
  private volatile Handshake handshake;
  private final Map<String, Object> data = new ConcurrentHashMap<>(2);
  private final Map<String, List<EventListener>> listeners = new ConcurrentHashMap<>(4);
  private final List<AnyListener> anyListeners = new CopyOnWriteArrayList<>();
  private final List<AnyListener> anyOutgoingListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<DisconnectReason>> disconnectingListeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<DisconnectReason>> disconnectListeners = new CopyOnWriteArrayList<>();
  private final Acks acks;
  private final EventRate eventRate;
  private volatile boolean connected;
  private boolean roomLimitWarned;

  DefaultSocket(String id, DefaultNamespace namespace, Client client, Handshake handshake) {
    this.id = id;
    this.namespace = namespace;
    this.client = client;
    this.handshake = handshake;
    this.acks = new Acks(client.connection().context().owner());
    this.eventRate = client.limits().newEventRate();
  }

  // ---- identity -------------------------------------------------------------------------------------

  @Override
  public String id() {
    return id;
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }

  @Override
  public Handshake handshake() {
    return handshake;
  }

  @Override
  public Map<String, Object> data() {
    return data;
  }

  @Override
  public Set<String> rooms() {
    return namespace.adapter().socketRooms(id);
  }

  @Override
  public boolean connected() {
    return connected;
  }

  @Override
  public Context context() {
    return client.connection().context();
  }

  @Override
  public String transport() {
    return client.connection().transportName();
  }

  @Override
  public SocketDetails details() {
    return new SocketDetails(id, handshake, rooms(), Map.copyOf(data), true);
  }

  // ---- listeners ------------------------------------------------------------------------------------

  @Override
  public Socket on(String event, EventListener listener) {
    listeners.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    return this;
  }

  @Override
  public Socket onAny(AnyListener listener) {
    anyListeners.add(listener);
    return this;
  }

  @Override
  public Socket onAnyOutgoing(AnyListener listener) {
    anyOutgoingListeners.add(listener);
    return this;
  }

  @Override
  public Socket onDisconnecting(Consumer<DisconnectReason> listener) {
    disconnectingListeners.add(listener);
    return this;
  }

  @Override
  public Socket onDisconnect(Consumer<DisconnectReason> listener) {
    disconnectListeners.add(listener);
    return this;
  }

  // ---- outbound -------------------------------------------------------------------------------------

  @Override
  public void emit(String event, Object... args) {
    SocketPacket packet = SocketPacket.event(namespace.name(), Events.payload(event, args), SocketPacket.NO_ID);
    List<EnginePacket> encoded = SocketEncoder.encode(packet);
    onContext(() -> {
      if (connected) {
        notifyOutgoing(packet);
        client.write(encoded);
      }
    });
  }

  @Override
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return emitWithAck(null, event, args);
  }

  @Override
  public Emitter timeout(Duration timeout) {
    return (event, args) -> emitWithAck(timeout, event, args);
  }

  private CompletableFuture<List<JsonNode>> emitWithAck(Duration timeout, String event, Object... args) {
    long ackId = namespace.nextAckId();
    SocketPacket packet = SocketPacket.event(namespace.name(), Events.payload(event, args), ackId);
    List<EnginePacket> encoded = SocketEncoder.encode(packet);
    CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
    onContext(() -> {
      if (!connected) {
        result.completeExceptionally(new IllegalStateException("socket " + id + " is disconnected"));
        return;
      }
      acks.expect(ackId, timeout, result);
      notifyOutgoing(packet);
      client.write(encoded);
    });
    return result;
  }

  @Override
  public void deliver(SocketPacket packet, List<EnginePacket> encoded, boolean volatileDelivery) {
    onContext(() -> {
      if (!connected) {
        return;
      }
      notifyOutgoing(packet);
      if (volatileDelivery) {
        client.writeVolatile(encoded);
      } else {
        client.write(encoded);
      }
    });
  }

  @Override
  public void deliverWithAck(SocketPacket packet, List<EnginePacket> encoded, Consumer<JsonNode> ack) {
    onContext(() -> {
      if (!connected) {
        return;
      }
      acks.expect(packet.id(), args -> ack.accept(args.isEmpty() ? NullNode.getInstance() : args.get(0)));
      notifyOutgoing(packet);
      client.write(encoded);
    });
  }

  private void notifyOutgoing(SocketPacket packet) {
    if (anyOutgoingListeners.isEmpty()) {
      return;
    }
    List<?> payload = switch (packet.data()) {
      case List<?> list -> list;
      case ArrayNode array -> Events.arguments(array, 0);
      case null, default -> List.of();
    };
    if (payload.isEmpty()) {
      return;
    }
    String event = payload.get(0) instanceof JsonNode node ? node.asText() : String.valueOf(payload.get(0));
    List<?> args = payload.subList(1, payload.size());
    for (AnyListener listener : anyOutgoingListeners) {
      try {
        listener.onEvent(event, args);
      } catch (RuntimeException e) {
        log.warn("socket {}: outgoing listener failed for '{}'", id, event, e);
      }
    }
  }

  // ---- rooms and broadcasting -----------------------------------------------------------------------

  @Override
  public void join(String... rooms) {
    Set<String> joining = Events.roomSet(rooms);
    if (!connected) {
      return;
    }
    Set<String> current = namespace.adapter().socketRooms(id);
    List<String> fit = client.limits().roomsThatFit(current, joining);
    long over = joining.stream().filter(room -> !current.contains(room)).count() - fit.size();
    if (over > 0) {
      onRoomLimit(over);
    }
    if (fit.isEmpty()) {
      return;
    }
    namespace.adapter().addAll(id, Set.copyOf(fit));
    if (!connected) {
      // the socket closed meanwhile (onClose clears 'connected' before its rooms): do not leave rooms behind
      namespace.adapter().delAll(id);
    }
  }

  private void onRoomLimit(long ignored) {
    client.limits().listener().limitExceeded(SocketLimits.MAX_ROOMS_PER_SOCKET);
    if (!roomLimitWarned) {
      roomLimitWarned = true;
      log.warn("socket {}: join of {} room(s) ignored: over maxRoomsPerSocket {} (logged once per socket)", id, ignored,
          client.limits().maxRoomsPerSocket());
    }
  }

  @Override
  public void leave(String room) {
    namespace.adapter().del(id, Objects.requireNonNull(room, "room"));
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    return broadcast().to(rooms);
  }

  @Override
  public BroadcastOperator in(String... rooms) {
    return to(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return broadcast().except(rooms);
  }

  @Override
  public BroadcastOperator broadcast() {
    return namespace.except(id);
  }

  // ---- inbound --------------------------------------------------------------------------------------

  void onPacket(SocketPacket packet) {
    switch (packet.type()) {
      case EVENT, BINARY_EVENT -> onEvent(packet);
      case ACK, BINARY_ACK -> acks.received(packet.id(), Events.arguments((ArrayNode) packet.data(), 0));
      case DISCONNECT -> onClose(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
      default -> {
        log.info("socket {}: unexpected {} packet from client; closing its connection", id, packet.type());
        client.connection().close(DisconnectReason.PARSE_ERROR.wireName());
      }
    }
  }

  private void onEvent(SocketPacket packet) {
    ArrayNode payload = (ArrayNode) packet.data();
    String event = payload.get(0).asText();
    Ack ack = packet.hasId() ? new OnceAck(packet.id()) : Ack.NONE;
    EventRate.Verdict verdict = eventRate == null ? EventRate.Verdict.ALLOW : eventRate.next(System.nanoTime());
    if (verdict != EventRate.Verdict.ALLOW) {
      onRateLimited(verdict, event, ack);
      return;
    }
    List<JsonNode> args = Events.arguments(payload, 1);
    try {
      for (AnyListener listener : anyListeners) {
        listener.onEvent(event, args);
      }
      List<EventListener> forEvent = listeners.get(event);
      if (forEvent != null) {
        for (EventListener listener : forEvent) {
          listener.onEvent(args, ack);
        }
      }
    } catch (RuntimeException e) {
      log.warn("socket {}: listener for '{}' in namespace {} failed", id, event, namespace.name(), e);
    }
  }

  private void onRateLimited(EventRate.Verdict verdict, String event, Ack ack) {
    SocketLimits limits = client.limits();
    limits.listener().rateLimited();
    if (verdict == EventRate.Verdict.DISCONNECT) {
      log.info("socket {} disconnected: over eventsPerSecond {} for {} ms", id, limits.eventsPerSecond(),
          eventRate.excessMillis(System.nanoTime()));
      limits.listener().limitExceeded(SocketLimits.EVENTS_PER_SECOND);
      disconnect(true);
      return;
    }
    if (ack.requested() || eventRate.shouldNotify(System.nanoTime())) {
      try {
        limits.rateLimitReply().reply(this, event, ack);
      } catch (RuntimeException e) {
        log.warn("socket {}: rate limit reply failed for '{}'", id, event, e);
      }
    }
  }

  /** Answers one acknowledgement request from the client, once. */
  private final class OnceAck implements Ack {
    private final long ackId;
    private boolean sent;

    OnceAck(long ackId) {
      this.ackId = ackId;
    }

    @Override
    public boolean requested() {
      return true;
    }

    @Override
    public void send(Object... args) {
      SocketPacket packet = SocketPacket.ack(namespace.name(), ackId, Arrays.asList(args));
      List<EnginePacket> encoded = SocketEncoder.encode(packet);
      onContext(() -> {
        if (!sent && connected) {
          sent = true;
          client.write(encoded);
        }
      });
    }
  }

  // ---- lifecycle ------------------------------------------------------------------------------------

  /** Hides credentials from everything that runs after the middleware. */
  void hideCredentials(Set<String> names) {
    handshake = handshake.withoutCredentials(names);
  }

  /** Joins the socket's own room, tells the client it is connected and runs the connection handlers. */
  void onConnect() {
    connected = true;
    namespace.adapter().addAll(id, Set.of(id));
    client.added(this);
    client.writePacket(SocketPacket.connect(namespace.name(), Map.of("sid", id)));
  }

  @Override
  public void disconnect(boolean close) {
    onContext(() -> {
      if (!connected) {
        return;
      }
      if (close) {
        client.disconnectAll();
      } else {
        disconnectFromNamespace();
      }
    });
  }

  void disconnectFromNamespace() {
    client.writePacket(SocketPacket.disconnect(namespace.name()));
    onClose(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
  }

  void onClose(DisconnectReason reason) {
    if (!connected) {
      return;
    }
    notify(disconnectingListeners, reason);
    connected = false;
    namespace.adapter().delAll(id);
    namespace.removed(this);
    client.removed(this);
    acks.cancelAll(id);
    notify(disconnectListeners, reason);
  }

  private void notify(List<Consumer<DisconnectReason>> list, DisconnectReason reason) {
    for (Consumer<DisconnectReason> listener : list) {
      try {
        listener.accept(reason);
      } catch (RuntimeException e) {
        log.warn("socket {}: disconnect listener failed", id, e);
      }
    }
  }

  private void onContext(Runnable action) {
    Context context = context();
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  @Override
  public String toString() {
    return "Socket{" + id + " " + namespace.name() + "}";
  }
}
