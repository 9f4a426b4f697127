package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.Adapter;
import io.herald.core.adapter.AdapterHost;
import io.herald.core.engineio.Ids;
import io.herald.core.internal.Contexts;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A namespace with its own sockets and adapter; a child of a dynamic parent shares the parent's handlers. */
final class DefaultNamespace extends NamespaceOperations implements AdapterHost {
  private static final Logger log = LoggerFactory.getLogger(DefaultNamespace.class);

  private final String name;
  private final DefaultSocketServer server;
  private final Handlers handlers;
  private final Adapter adapter;
  private final Map<String, DefaultSocket> sockets = new ConcurrentHashMap<>();
  private final AtomicLong ackIds = new AtomicLong();

  DefaultNamespace(DefaultSocketServer server, String name, Handlers handlers) {
    this.name = name;
    this.server = server;
    this.handlers = handlers;
    this.adapter = server.adapterFactory().create(this);
  }

  /** Middleware, connection and server-side listeners; shared by a dynamic parent and its children. */
  static final class Handlers {
    final List<Middleware> middleware = new CopyOnWriteArrayList<>();
    final List<Consumer<Socket>> connection = new CopyOnWriteArrayList<>();
    final Map<String, List<EventListener>> serverSide = new ConcurrentHashMap<>();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Namespace use(Middleware middleware) {
    handlers.middleware.add(middleware);
    return this;
  }

  @Override
  public Namespace onConnection(Consumer<Socket> handler) {
    handlers.connection.add(handler);
    return this;
  }

  @Override
  public Namespace onServerSideEmit(String event, EventListener listener) {
    handlers.serverSide.computeIfAbsent(event, e -> new CopyOnWriteArrayList<>()).add(listener);
    return this;
  }

  @Override
  public Map<String, Socket> sockets() {
    return Collections.unmodifiableMap(sockets);
  }

  @Override
  public Adapter adapter() {
    return adapter;
  }

  @Override
  List<DefaultNamespace> targets() {
    return List.of(this);
  }

  @Override
  Vertx vertx() {
    return server.vertx();
  }

  @Override
  public long nextAckId() {
    return ackIds.getAndIncrement();
  }

  @Override
  public void serverSideEmit(String event, Object... args) {
    adapter.serverSideEmit(Events.payload(event, args));
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
    return adapter.serverSideEmitWithAck(Events.payload(event, args), timeout);
  }

  // ---- AdapterHost ----------------------------------------------------------------------------------

  @Override
  public LocalSocket socket(String id) {
    return sockets.get(id);
  }

  @Override
  public void onServerSideEmit(List<JsonNode> eventAndArgs, Consumer<JsonNode> ack) {
    if (eventAndArgs.isEmpty()) {
      return;
    }
    List<EventListener> forEvent = handlers.serverSide.get(eventAndArgs.get(0).asText());
    if (forEvent == null) {
      return;
    }
    Ack reply = ack == null ? Ack.NONE : new Ack() {
      private final AtomicBoolean sent = new AtomicBoolean();

      @Override
      public boolean requested() {
        return true;
      }

      @Override
      public void send(Object... args) {
        if (sent.compareAndSet(false, true)) {
          ack.accept(args.length == 0 ? null : io.herald.core.socketio.PayloadMapper.get().valueToTree(args[0]));
        }
      }
    };
    List<JsonNode> args = eventAndArgs.subList(1, eventAndArgs.size());
    for (EventListener listener : forEvent) {
      listener.onEvent(args, reply);
    }
  }

  // ---- connecting -----------------------------------------------------------------------------------

  /** A client asked to join: run the middleware, then connect or refuse. Called on the client's context. */
  void add(Client client, ObjectNode auth, Runnable settled) {
    DefaultSocket socket = new DefaultSocket(Ids.next(), this, client, auth);
    runMiddleware(client, socket, 0, settled);
  }

  /** Runs middleware {@code index} and those after it; calls {@code settled} once the socket is in or refused. */
  private void runMiddleware(Client client, DefaultSocket socket, int index, Runnable settled) {
    if (index == handlers.middleware.size()) {
      settled.run();
      if (client.isOpen()) {
        socket.hideCredentials();
        sockets.put(socket.id(), socket);
        socket.onConnect();
        for (Consumer<Socket> handler : handlers.connection) {
          try {
            handler.accept(socket);
          } catch (RuntimeException e) {
            log.warn("connection handler of namespace {} failed for socket {}", name, socket.id(), e);
          }
        }
      }
      return;
    }
    Context context = client.connection().context();
    AtomicBoolean answered = new AtomicBoolean();
    Middleware.Next next = new Middleware.Next() {
      @Override
      public void proceed() {
        if (answered.compareAndSet(false, true)) {
          Contexts.run(context, () -> runMiddleware(client, socket, index + 1, settled));
        }
      }

      @Override
      public void refuse(String message, Object data) {
        if (answered.compareAndSet(false, true)) {
          Map<String, Object> error = new HashMap<>(2);
          error.put("message", message);
          if (data != null) {
            error.put("data", data);
          }
          Contexts.run(context, () -> {
            settled.run();
            client.writePacket(SocketPacket.connectError(name, error));
          });
        }
      }
    };
    try {
      handlers.middleware.get(index).handle(socket, next);
    } catch (RuntimeException e) {
      log.warn("middleware of namespace {} failed for socket {}", name, socket.id(), e);
      next.refuse("Internal server error");
    }
  }

  /** The names {@link Handshake#withoutCredentials} hides once the middleware has run. */
  Set<String> credentialFields() {
    return server.credentialFields();
  }

  void removed(DefaultSocket socket) {
    sockets.remove(socket.id(), socket);
  }

  @Override
  public String toString() {
    return "Namespace{" + name + ", " + sockets.size() + " sockets}";
  }
}
