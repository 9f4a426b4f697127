package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.adapter.SocketDetails;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** An immutable selection of sockets in one or more namespaces. */
final class DefaultBroadcastOperator implements BroadcastOperator {
  private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final Supplier<List<DefaultNamespace>> targets;
  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean volatileDelivery;
  private final boolean local;
  private final Duration timeout;

  private DefaultBroadcastOperator(Vertx vertx, Supplier<List<DefaultNamespace>> targets, Set<String> rooms,
      Set<String> except, boolean volatileDelivery, boolean local, Duration timeout) {
    this.vertx = vertx;
    this.targets = targets;
    this.rooms = rooms;
    this.except = except;
    this.volatileDelivery = volatileDelivery;
    this.local = local;
    this.timeout = timeout;
  }

  static DefaultBroadcastOperator of(Vertx vertx, Supplier<List<DefaultNamespace>> targets) {
    return new DefaultBroadcastOperator(vertx, targets, Set.of(), Set.of(), false, false, null);
  }

  private BroadcastOptions options() {
    return new BroadcastOptions(rooms, except, volatileDelivery, local);
  }

  @Override
  public BroadcastOperator to(String... more) {
    return new DefaultBroadcastOperator(vertx, targets, union(rooms, more), except, volatileDelivery, local, timeout);
  }

  @Override
  public BroadcastOperator in(String... more) {
    return to(more);
  }

  @Override
  public BroadcastOperator except(String... more) {
    return new DefaultBroadcastOperator(vertx, targets, rooms, union(except, more), volatileDelivery, local, timeout);
  }

  @Override
  public BroadcastOperator volatileDelivery() {
    return new DefaultBroadcastOperator(vertx, targets, rooms, except, true, local, timeout);
  }

  @Override
  public BroadcastOperator local() {
    return new DefaultBroadcastOperator(vertx, targets, rooms, except, volatileDelivery, true, timeout);
  }

  @Override
  public BroadcastOperator timeout(Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("timeout: " + value + " (expected: > 0)");
    }
    return new DefaultBroadcastOperator(vertx, targets, rooms, except, volatileDelivery, local, value);
  }

  @Override
  public void emit(String event, Object... args) {
    List<Object> payload = Events.payload(event, args);
    BroadcastOptions options = options();
    for (DefaultNamespace namespace : targets.get()) {
      namespace.adapter().broadcast(SocketPacket.event(namespace.name(), payload, SocketPacket.NO_ID), options);
    }
  }

  @Override
  public CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args) {
    if (timeout == null) {
      throw new IllegalStateException("emitWithAck on a broadcast needs a timeout: call timeout(Duration) first");
    }
    List<Object> payload = Events.payload(event, args);
    List<CompletableFuture<List<JsonNode>>> perNamespace = new ArrayList<>();
    for (DefaultNamespace namespace : targets.get()) {
      perNamespace.add(BroadcastAcks.collect(vertx, namespace, payload, options(), timeout));
    }
    if (perNamespace.size() == 1) {
      return perNamespace.get(0);
    }
    return CompletableFuture.allOf(perNamespace.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<JsonNode> all = new ArrayList<>();
      perNamespace.forEach(f -> all.addAll(f.join()));
      return all;
    });
  }

  @Override
  public CompletableFuture<List<RemoteSocket>> fetchSockets() {
    List<CompletableFuture<List<RemoteSocket>>> perNamespace = new ArrayList<>();
    for (DefaultNamespace namespace : targets.get()) {
      perNamespace.add(namespace.adapter().fetchSockets(options(), timeout != null ? timeout : FETCH_TIMEOUT)
          .thenApply(found -> found.stream().map(details -> toRemote(namespace, details)).toList()));
    }
    return CompletableFuture.allOf(perNamespace.toArray(CompletableFuture[]::new)).thenApply(v -> {
      List<RemoteSocket> all = new ArrayList<>();
      perNamespace.forEach(f -> all.addAll(f.join()));
      return all;
    });
  }

  private RemoteSocket toRemote(DefaultNamespace namespace, SocketDetails details) {
    if (details.local()) {
      Socket socket = namespace.sockets().get(details.id());
      if (socket != null) {
        return socket;
      }
    }
    return new RemoteSocketProxy(details, of(vertx, () -> List.of(namespace)));
  }

  @Override
  public void socketsJoin(String... more) {
    Set<String> joining = Events.roomSet(more);
    targets.get().forEach(namespace -> namespace.adapter().addSockets(options(), joining));
  }

  @Override
  public void socketsLeave(String... more) {
    Set<String> leaving = Events.roomSet(more);
    targets.get().forEach(namespace -> namespace.adapter().delSockets(options(), leaving));
  }

  @Override
  public void disconnectSockets(boolean close) {
    targets.get().forEach(namespace -> namespace.adapter().disconnectSockets(options(), close));
  }

  private static Set<String> union(Set<String> current, String[] more) {
    Set<String> all = new HashSet<>(current);
    all.addAll(Events.roomSet(more));
    return Set.copyOf(all);
  }
}
