package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.Adapter;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The parent of namespaces created on demand. Its middleware and handlers apply to every child; a broadcast
 * from it reaches every child.
 */
final class ParentNamespace extends NamespaceOperations {
  private final DefaultSocketServer server;
  private final NamespaceMatcher matcher;
  private final DefaultNamespace.Handlers handlers = new DefaultNamespace.Handlers();
  private final List<DefaultNamespace> children = new CopyOnWriteArrayList<>();

  ParentNamespace(DefaultSocketServer server, NamespaceMatcher matcher) {
    this.server = server;
    this.matcher = matcher;
  }

  boolean matches(String name, ObjectNode auth) {
    return matcher.matches(name, auth);
  }

  DefaultNamespace createChild(String name) {
    DefaultNamespace child = new DefaultNamespace(server, name, handlers);
    children.add(child);
    return child;
  }

  @Override
  List<DefaultNamespace> targets() {
    return List.copyOf(children);
  }

  @Override
  Vertx vertx() {
    return server.vertx();
  }

  @Override
  public String name() {
    return "(dynamic)";
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
    Map<String, Socket> all = new HashMap<>();
    children.forEach(child -> all.putAll(child.sockets()));
    return all;
  }

  /** A parent has no adapter of its own; each child has one. */
  @Override
  public Adapter adapter() {
    throw new UnsupportedOperationException("a dynamic parent namespace has no adapter; use a child's");
  }

  @Override
  public void serverSideEmit(String event, Object... args) {
    children.forEach(child -> child.serverSideEmit(event, args));
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(Duration timeout, String event, Object... args) {
    throw new UnsupportedOperationException("serverSideEmitWithAck on a dynamic parent; use a child namespace");
  }
}
