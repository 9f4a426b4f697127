package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The broadcast side of a namespace: every operation on all of its sockets. */
abstract class NamespaceOperations implements Namespace {
  /** The namespaces a broadcast from here reaches: this one, or every child of a dynamic parent. */
  abstract List<DefaultNamespace> targets();

  abstract Vertx vertx();

  private BroadcastOperator all() {
    return DefaultBroadcastOperator.of(vertx(), this::targets);
  }

  @Override
  public BroadcastOperator to(String... rooms) {
    return all().to(rooms);
  }

  @Override
  public BroadcastOperator in(String... rooms) {
    return all().in(rooms);
  }

  @Override
  public BroadcastOperator except(String... rooms) {
    return all().except(rooms);
  }

  @Override
  public BroadcastOperator volatileDelivery() {
    return all().volatileDelivery();
  }

  @Override
  public BroadcastOperator local() {
    return all().local();
  }

  @Override
  public BroadcastOperator timeout(Duration timeout) {
    return all().timeout(timeout);
  }

  @Override
  public void emit(String event, Object... args) {
    all().emit(event, args);
  }

  @Override
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    return all().emitWithAck(event, args);
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    return all().fetchSockets();
  }

  @Override
  public void socketsJoin(String... rooms) {
    all().socketsJoin(rooms);
  }

  @Override
  public void socketsLeave(String... rooms) {
    all().socketsLeave(rooms);
  }

  @Override
  public void disconnectSockets(boolean close) {
    all().disconnectSockets(close);
  }
}
