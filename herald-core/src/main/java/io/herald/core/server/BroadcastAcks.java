package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Collects the acknowledgements of one broadcast: done when every reached socket on every node has answered,
 * failed with what arrived when the timeout passes first.
 */
final class BroadcastAcks {
  private final CompletableFuture<List<JsonNode>> result = new CompletableFuture<>();
  private final List<JsonNode> responses = new ArrayList<>();
  private int expectedServers = -1;
  private int expectedClients;
  private int countedServers;

  static CompletableFuture<List<JsonNode>> collect(Vertx vertx, DefaultNamespace namespace, List<Object> payload,
      BroadcastOptions options, Duration timeout) {
    BroadcastAcks acks = new BroadcastAcks();
    long timer = vertx.setTimer(timeout.toMillis(), t -> acks.expire(timeout));
    acks.result.whenComplete((r, e) -> vertx.cancelTimer(timer));
    SocketPacket packet = SocketPacket.event(namespace.name(), payload, namespace.nextAckId());
    namespace.adapter().broadcastWithAck(packet, options, timeout, acks::clients, acks::response);
    if (options.local()) {
      acks.servers(1);
    } else {
      namespace.adapter().serverCount().thenAccept(acks::servers);
    }
    return acks.result;
  }

  private synchronized void servers(int count) {
    expectedServers = count;
    check();
  }

  private synchronized void clients(int count) {
    expectedClients += count;
    countedServers++;
    check();
  }

  private synchronized void response(JsonNode response) {
    responses.add(response);
    check();
  }

  private void check() {
    if (countedServers == expectedServers && responses.size() == expectedClients) {
      result.complete(List.copyOf(responses));
    }
  }

  private synchronized void expire(Duration timeout) {
    result.completeExceptionally(new AckTimeoutException(timeout, responses));
  }
}
