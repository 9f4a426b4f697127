package io.herald.core.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.AdapterFactory;
import io.herald.core.engineio.EngineServer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Socket.IO server: namespaces, connections and the Engine.IO server under them. */
final class DefaultSocketServer implements SocketServer {
  private final Vertx vertx;
  private final String path;
  private final Duration connectTimeout;
  private final AdapterFactory adapterFactory;
  private final int maxAttachments;
  private final Set<String> credentialFields;
  private final SocketLimits limits;
  private final EngineServer engine;
  private final Map<String, DefaultNamespace> namespaces = new ConcurrentHashMap<>();
  private final List<ParentNamespace> parents = new CopyOnWriteArrayList<>();
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  DefaultSocketServer(Builder builder) {
    this.vertx = builder.vertx;
    this.path = builder.path;
    this.connectTimeout = builder.connectTimeout;
    this.adapterFactory = builder.adapter;
    this.maxAttachments = builder.maxAttachments;
    this.credentialFields = builder.credentialFields;
    this.limits = new SocketLimits(builder);
    this.engine = new EngineServer(builder.engine, builder.listener, connection -> {
      Client client = new Client(this, connection);
      clients.add(client);
      client.start();
    });
  }

  Vertx vertx() {
    return vertx;
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  AdapterFactory adapterFactory() {
    return adapterFactory;
  }

  int maxAttachments() {
    return maxAttachments;
  }

  /** The engine's maxPayload: also the most the attachments of one packet may hold together. */
  int maxPayload() {
    return engine.options().maxPayload();
  }

  SocketLimits limits() {
    return limits;
  }

  Set<String> credentialFields() {
    return credentialFields;
  }

  void removed(Client client) {
    clients.remove(client);
  }

  @Override
  public Namespace of(String name) {
    String normalized = name.startsWith("/") ? name : "/" + name;
    if (normalized.indexOf(',') >= 0) {
      throw new IllegalArgumentException("namespace: " + name + " (expected: no comma)");
    }
    return namespaces.computeIfAbsent(normalized, n -> new DefaultNamespace(this, n, new DefaultNamespace.Handlers()));
  }

  @Override
  public Namespace dynamicNamespace(NamespaceMatcher matcher) {
    ParentNamespace parent = new ParentNamespace(this, matcher);
    parents.add(parent);
    return parent;
  }

  /** The namespace a client may join under this name, created on demand for a dynamic parent; or null. */
  DefaultNamespace namespaceFor(String name, ObjectNode auth) {
    DefaultNamespace existing = namespaces.get(name);
    if (existing != null) {
      return existing;
    }
    for (ParentNamespace parent : parents) {
      if (parent.matches(name, auth)) {
        return namespaces.computeIfAbsent(name, parent::createChild);
      }
    }
    return null;
  }

  @Override
  public Collection<Namespace> namespaces() {
    return List.copyOf(namespaces.values());
  }

  @Override
  public Handler<HttpServerRequest> requestHandler(Handler<HttpServerRequest> otherwise) {
    return request -> {
      if (request.path().startsWith(path)) {
        engine.handle(request);
      } else {
        otherwise.handle(request);
      }
    };
  }

  @Override
  public void handle(HttpServerRequest request) {
    engine.handle(request);
  }

  @Override
  public HttpServerOptions httpOptions(HttpServerOptions options) {
    return EngineServer.configure(options, engine.options());
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public int clientsCount() {
    return engine.clientsCount();
  }

  @Override
  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Client client : new ArrayList<>(clients)) {
      Promise<Void> done = Promise.promise();
      client.connection().context().runOnContext(v -> {
        client.shutDown(DisconnectReason.SERVER_SHUTTING_DOWN);
        done.complete();
      });
      closing.add(done.future());
    }
    return Future.all(closing).<Void>mapEmpty().onComplete(v -> namespaces.values().forEach(n -> n.adapter().close()));
  }
}
