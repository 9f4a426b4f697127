package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.AdapterHost;
import io.herald.core.adapter.SocketDetails;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EngineRequest;
import io.herald.core.internal.Contexts;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket of one client in one namespace. State lives on the client's context.
 *
 * <p>An idle socket should cost little memory, so what is usually empty is made when first needed: the handshake
 * (from the connection's request, shared by the sockets of a connection, and the auth), {@code data()}, the acks
 * waited for and the event rate. Listeners are one immutable {@link SocketListeners} value. Lazily made values
 * that other threads may ask for are made under the socket's lock.
 */
final class DefaultSocket implements Socket, AdapterHost.LocalSocket {
  private static final Logger log = LoggerFactory.getLogger(DefaultSocket.class);

  private final String id;
  private final DefaultNamespace namespace;
  private final Client client;
  /** The auth object of the CONNECT packet; null when it was empty. */
  private final ObjectNode auth;
  private volatile Handshake handshake;
  private volatile boolean credentialsHidden;
  private volatile Map<String, Object> data;
  private volatile SocketListeners listeners = SocketListeners.NONE;
  /** Confined to the context, as is the event rate. */
  private Acks acks;
  private EventRate eventRate;
  private volatile boolean connected;
  private boolean roomLimitWarned;

  DefaultSocket(String id, DefaultNamespace namespace, Client client, ObjectNode auth) {
    this.id = id;
    this.namespace = namespace;
    this.client = client;
    this.auth = auth.isEmpty() ? null : auth;
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
    Handshake built = handshake;
    return built != null ? built : buildHandshake();
  }

  private synchronized Handshake buildHandshake() {
    if (handshake == null) {
      handshake = newHandshake();
    }
    return handshake;
  }

  private Handshake newHandshake() {
    EngineRequest request = client.connection().request();
    Handshake full = new Handshake(request.headers(), request.query(),
        auth != null ? auth : JsonNodeFactory.instance.objectNode(), request.remoteAddress(), request.issued(),
        request.url(), request.secure(), request.headers().contains("origin"));
    return credentialsHidden ? full.withoutCredentials(namespace.credentialFields()) : full;
  }

  @Override
  public Map<String, Object> data() {
    Map<String, Object> map = data;
    return map != null ? map : createData();
  }

  private synchronized Map<String, Object> createData() {
    if (data == null) {
      data = new ConcurrentHashMap<>(2);
    }
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
    // not kept: fetching sockets should not make each of them keep a handshake
    Handshake built = handshake;
    Map<String, Object> map = data;
    return new SocketDetails(id, built != null ? built : newHandshake(), rooms(),
        map == null ? Map.of() : Map.copyOf(map), true);
  }

  // ---- listeners ------------------------------------------------------------------------------------

  @Override
  public Socket on(String event, EventListener listener) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(listener, "listener");
    return listen(current -> current.withEvent(event, listener));
  }

  @Override
  public Socket onAny(AnyListener listener) {
    Objects.requireNonNull(listener, "listener");
    return listen(current -> current.withAny(listener));
  }

  @Override
  public Socket onAnyOutgoing(AnyListener listener) {
    Objects.requireNonNull(listener, "listener");
    return listen(current -> current.withAnyOutgoing(listener));
  }

  @Override
  public Socket onDisconnecting(Consumer<DisconnectReason> listener) {
    Objects.requireNonNull(listener, "listener");
    return listen(current -> current.withDisconnecting(listener));
  }

  @Override
  public Socket onDisconnect(Consumer<DisconnectReason> listener) {
    Objects.requireNonNull(listener, "listener");
    return listen(current -> current.withDisconnect(listener));
  }

  private synchronized Socket listen(UnaryOperator<SocketListeners> change) {
    listeners = change.apply(listeners);
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
      acks().expect(ackId, timeout, result);
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
      acks().expect(packet.id(), args -> ack.accept(args.isEmpty() ? NullNode.getInstance() : args.get(0)));
      notifyOutgoing(packet);
      client.write(encoded);
    });
  }

  private Acks acks() {
    if (acks == null) {
      acks = new Acks(context().owner());
    }
    return acks;
  }

  private void notifyOutgoing(SocketPacket packet) {
    AnyListener[] anyOutgoingListeners = listeners.anyOutgoing();
    if (anyOutgoingListeners.length == 0) {
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
      case ACK, BINARY_ACK -> {
        if (acks != null) {
          acks.received(packet.id(), Events.arguments((ArrayNode) packet.data(), 0));
        }
      }
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
    if (eventRate == null) {
      // made at the first event, not at connect: a full bucket either way, and idle sockets need none
      eventRate = client.limits().newEventRate();
    }
    EventRate.Verdict verdict = eventRate == null ? EventRate.Verdict.ALLOW : eventRate.next(System.nanoTime());
    if (verdict != EventRate.Verdict.ALLOW) {
      onRateLimited(verdict, event, ack);
      return;
    }
    List<JsonNode> args = Events.arguments(payload, 1);
    SocketListeners current = listeners;
    try {
      for (AnyListener listener : current.any()) {
        listener.onEvent(event, args);
      }
      current.onEvent(event, args, ack);
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

  /** Hides the server's credential fields from everything that runs after the middleware. */
  synchronized void hideCredentials() {
    if (credentialsHidden || namespace.credentialFields().isEmpty()) {
      return;
    }
    credentialsHidden = true;
    if (handshake != null) {
      handshake = handshake.withoutCredentials(namespace.credentialFields());
    }
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
    notify(listeners.disconnecting(), reason);
    connected = false;
    namespace.adapter().delAll(id);
    namespace.removed(this);
    client.removed(this);
    if (acks != null) {
      acks.cancelAll(id);
    }
    notify(listeners.disconnect(), reason);
  }

  private void notify(Consumer<DisconnectReason>[] list, DisconnectReason reason) {
    for (Consumer<DisconnectReason> listener : list) {
      try {
        listener.accept(reason);
      } catch (RuntimeException e) {
        log.warn("socket {}: disconnect listener failed", id, e);
      }
    }
  }

  private void onContext(Runnable action) {
    Contexts.run(context(), action);
  }

  @Override
  public String toString() {
    return "Socket{" + id + " " + namespace.name() + "}";
  }
}
