package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** The acknowledgements one socket is waiting for, by id. Confined to the socket's context. */
final class Acks {
  private final Vertx vertx;
  private Map<Long, Pending> pending;

  private record Pending(Consumer<List<JsonNode>> onAck, CompletableFuture<List<JsonNode>> future, long timer) {}

  Acks(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Waits for an ack that completes {@code future}; fails it after {@code timeout} unless that is null. */
  void expect(long id, Duration timeout, CompletableFuture<List<JsonNode>> future) {
    long timer = -1;
    if (timeout != null) {
      timer = vertx.setTimer(timeout.toMillis(), t -> {
        Pending expired = map().remove(id);
        if (expired != null) {
          expired.future.completeExceptionally(new AckTimeoutException(timeout, List.of()));
        }
      });
    }
    map().put(id, new Pending(future::complete, future, timer));
  }

  /** Waits for an ack of a broadcast; its timeout is the broadcast's. */
  void expect(long id, Consumer<List<JsonNode>> onAck) {
    map().put(id, new Pending(onAck, null, -1));
  }

  void received(long id, List<JsonNode> args) {
    Pending entry = pending == null ? null : pending.remove(id);
    if (entry == null) {
      return;
    }
    if (entry.timer >= 0) {
      vertx.cancelTimer(entry.timer);
    }
    entry.onAck.accept(args);
  }

  /** The socket is gone: waiting emitters fail, broadcast acks are left to their own timeout. */
  void cancelAll(String socketId) {
    if (pending == null) {
      return;
    }
    for (Pending entry : pending.values()) {
      if (entry.timer >= 0) {
        vertx.cancelTimer(entry.timer);
      }
      if (entry.future != null) {
        entry.future.completeExceptionally(new IllegalStateException("socket " + socketId + " has been disconnected"));
      }
    }
    pending = null;
  }

  private Map<Long, Pending> map() {
    if (pending == null) {
      pending = new HashMap<>(4);
    }
    return pending;
  }
}
