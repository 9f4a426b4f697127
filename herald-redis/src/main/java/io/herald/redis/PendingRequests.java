package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The requests this node sent and is waiting answers for, by request id: those that collect one answer per node
 * (fetching sockets, rooms, server-side acknowledgements) and broadcasts with acknowledgements, whose client counts
 * and acknowledgements are forwarded as they come.
 */
final class PendingRequests {
  private final Vertx vertx;
  private final Map<String, Collecting> collecting = new ConcurrentHashMap<>();
  private final Map<String, Acks> acks = new ConcurrentHashMap<>();

  private record Acks(IntConsumer clientCount, Consumer<JsonNode> ack) {}

  /** Answers of one request: complete when {@code expected} nodes have answered. */
  private final class Collecting {
    final String id;
    final RequestType type;
    final int expected;
    final List<JsonNode> items = new ArrayList<>();
    final CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
    int answers;

    Collecting(String id, RequestType type, int expected) {
      this.id = id;
      this.type = type;
      this.expected = expected;
    }

    synchronized void answer(JsonNode response) {
      answers++;
      switch (type) {
        case SOCKETS, REMOTE_FETCH -> response.path("sockets").forEach(items::add);
        case ALL_ROOMS -> response.path("rooms").forEach(items::add);
        case SERVER_SIDE_EMIT -> items.add(response.has("data") ? response.get("data") : Wire.NODES.nullNode());
        default -> { }
      }
      if (answers >= expected) {
        collecting.remove(id, this);
        result.complete(List.copyOf(items));
      }
    }

    synchronized void expire(Function<List<JsonNode>, Throwable> failure) {
      if (collecting.remove(id, this)) {
        result.completeExceptionally(failure.apply(List.copyOf(items)));
      }
    }
  }

  PendingRequests(Vertx vertx) {
    this.vertx = vertx;
  }

  /** Whether {@code requestId} is one of ours, so that a node ignores its own request. */
  boolean isOwn(String requestId) {
    return requestId != null && (collecting.containsKey(requestId) || acks.containsKey(requestId));
  }

  /**
   * Waits for {@code expected} answers to request {@code id}; after {@code timeout} fails with what
   * {@code failure} makes of the items received so far. Register before publishing the request.
   */
  CompletableFuture<List<JsonNode>> collect(String id, RequestType type, int expected, Duration timeout,
      Function<List<JsonNode>, Throwable> failure) {
    Collecting request = new Collecting(id, type, expected);
    collecting.put(id, request);
    long timer = vertx.setTimer(timeout.toMillis(), t -> request.expire(failure));
    request.result.whenComplete((r, e) -> vertx.cancelTimer(timer));
    return request.result;
  }

  /** Forwards client counts and acknowledgements for broadcast {@code id} until {@code timeout}. */
  void expectAcks(String id, IntConsumer clientCount, Consumer<JsonNode> ack, Duration timeout) {
    acks.put(id, new Acks(clientCount, ack));
    vertx.setTimer(timeout.toMillis(), t -> acks.remove(id));
  }

  /** An answer from another node; unknown ids are ignored. */
  void onResponse(JsonNode response) {
    String id = response.path("requestId").asText(null);
    if (id == null) {
      return;
    }
    Acks forBroadcast = acks.get(id);
    if (forBroadcast != null) {
      RequestType type = RequestType.of(response.path("type").asInt(-1));
      if (type == RequestType.BROADCAST_CLIENT_COUNT) {
        forBroadcast.clientCount.accept(response.path("clientCount").asInt(0));
      } else if (type == RequestType.BROADCAST_ACK) {
        forBroadcast.ack.accept(response.has("packet") ? response.get("packet") : Wire.NODES.nullNode());
      }
      return;
    }
    Collecting request = collecting.get(id);
    if (request != null) {
      request.answer(response);
    }
  }

  /** Fails every waiting request. */
  void close() {
    for (Collecting request : List.copyOf(collecting.values())) {
      request.expire(items -> new IllegalStateException("the adapter was closed"));
    }
    acks.clear();
  }
}
