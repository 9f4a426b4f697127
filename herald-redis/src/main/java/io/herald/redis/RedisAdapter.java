package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.AdapterHost;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.adapter.MemoryAdapter;
import io.herald.core.adapter.SocketDetails;
import io.herald.core.server.AckTimeoutException;
import io.herald.core.socketio.SocketPacket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adapter of one namespace in a cluster linked by Redis, speaking the format of the Node
 * {@code @socket.io/redis-adapter} 8 (classic adapter), so Herald and Node servers can share one cluster.
 * Rooms and local delivery are the {@link MemoryAdapter}'s; this adds the traffic between nodes: broadcasts on
 * {@code <key>#<nsp>#[<room>#]} as MessagePack {@code [uid, packet, opts]}, requests on
 * {@code <key>-request#<nsp>#} and answers on {@code <key>-response#<nsp>#}.
 *
 * <p>While Redis is away, everything keeps working on this node; this node then counts as the whole cluster.
 */
public class RedisAdapter extends MemoryAdapter {
  private static final Logger log = LoggerFactory.getLogger(RedisAdapter.class);

  private final RedisCluster cluster;
  private final String uid = Uids.next();
  private final Channels channels;
  private final PendingRequests pending;
  private final RequestHandler requests;
  private final Subscriptions.Listener onBroadcast = this::onBroadcast;
  private final Subscriptions.Listener onRequest;
  private final Subscriptions.Listener onResponse;

  public RedisAdapter(AdapterHost namespace, RedisCluster cluster) {
    super(namespace);
    this.cluster = cluster;
    this.channels = Channels.of(cluster.options().key(), namespace.name(), uid);
    this.pending = new PendingRequests(cluster.vertx());
    this.requests = new RequestHandler(this, namespace, cluster.options(), channels, pending);
    this.onRequest = requests::onRequest;
    this.onResponse = (channel, message) -> onResponse(message);
    Subscriptions subscriptions = cluster.subscriptions();
    subscriptions.psubscribe(channels.broadcastPattern(), onBroadcast);
    subscriptions.subscribe(channels.request(), onRequest);
    subscriptions.subscribe(channels.response(), onResponse);
    subscriptions.subscribe(channels.specificResponse(), onResponse);
  }

  /** This node's id in the namespace; messages carrying it are its own and ignored when they come back. */
  public String uid() {
    return uid;
  }

  @Override
  public void broadcast(SocketPacket packet, BroadcastOptions options) {
    super.broadcast(packet, options);
    if (!options.local()) {
      ArrayNode message = Wire.NODES.arrayNode(3)
          .add(uid)
          .add(Wire.packet(packet, true))
          .add(Wire.options(options, Wire.flags(options)));
      publish(channels.broadcastTo(options.rooms()), Msgpack.encode(message));
    }
  }

  @Override
  public void broadcastWithAck(SocketPacket packet, BroadcastOptions options, Duration timeout,
      IntConsumer clientCount, Consumer<JsonNode> ack) {
    if (!options.local()) {
      String requestId = Uids.next();
      pending.expectAcks(requestId, clientCount, ack, timeout);
      ObjectNode flags = Wire.flags(options).put("timeout", timeout.toMillis());
      ObjectNode request = request(RequestType.BROADCAST, requestId);
      request.set("packet", Wire.packet(packet, false));
      request.set("opts", Wire.options(options, flags));
      publish(channels.request(), Msgpack.encode(request));
    }
    super.broadcastWithAck(packet, options, timeout, clientCount, ack);
  }

  @Override
  public CompletableFuture<List<SocketDetails>> fetchSockets(BroadcastOptions options, Duration timeout) {
    List<SocketDetails> local = localSockets(options);
    if (options.local()) {
      return CompletableFuture.completedFuture(local);
    }
    return serverCount().thenCompose(servers -> {
      if (servers <= 1) {
        return CompletableFuture.completedFuture(local);
      }
      String requestId = Uids.next();
      CompletableFuture<List<JsonNode>> answers = pending.collect(requestId, RequestType.REMOTE_FETCH, servers - 1,
          timeout, items -> new TimeoutException("timeout reached while waiting for fetchSockets response"));
      ObjectNode request = request(RequestType.REMOTE_FETCH, requestId);
      request.set("opts", Wire.selection(options));
      publish(channels.request(), Wire.json(request));
      return answers.thenApply(remote -> {
        List<SocketDetails> all = new ArrayList<>(local);
        remote.forEach(socket -> all.add(RemoteSockets.details(socket)));
        return all;
      });
    });
  }

  @Override
  public void addSockets(BroadcastOptions options, Set<String> rooms) {
    super.addSockets(options, rooms);
    publishRoomsRequest(RequestType.REMOTE_JOIN, options, rooms);
  }

  @Override
  public void delSockets(BroadcastOptions options, Set<String> rooms) {
    super.delSockets(options, rooms);
    publishRoomsRequest(RequestType.REMOTE_LEAVE, options, rooms);
  }

  private void publishRoomsRequest(RequestType type, BroadcastOptions options, Set<String> rooms) {
    if (!options.local()) {
      ObjectNode request = request(type, null);
      request.set("opts", Wire.selection(options));
      request.set("rooms", Wire.strings(rooms));
      publish(channels.request(), Wire.json(request));
    }
  }

  @Override
  public void disconnectSockets(BroadcastOptions options, boolean close) {
    super.disconnectSockets(options, close);
    if (!options.local()) {
      ObjectNode request = request(RequestType.REMOTE_DISCONNECT, null);
      request.set("opts", Wire.selection(options));
      request.put("close", close);
      publish(channels.request(), Wire.json(request));
    }
  }

  @Override
  public void serverSideEmit(List<Object> eventAndArgs) {
    ObjectNode request = request(RequestType.SERVER_SIDE_EMIT, null);
    request.set("data", Wire.tree(eventAndArgs));
    publish(channels.request(), Wire.json(request));
  }

  @Override
  public CompletableFuture<List<JsonNode>> serverSideEmitWithAck(List<Object> eventAndArgs, Duration timeout) {
    return serverCount().thenCompose(servers -> {
      if (servers <= 1) {
        return CompletableFuture.completedFuture(List.of());
      }
      String requestId = Uids.next();
      CompletableFuture<List<JsonNode>> answers = pending.collect(requestId, RequestType.SERVER_SIDE_EMIT,
          servers - 1, timeout, items -> new AckTimeoutException(timeout, items));
      ObjectNode request = request(RequestType.SERVER_SIDE_EMIT, requestId);
      request.set("data", Wire.tree(eventAndArgs));
      publish(channels.request(), Wire.json(request));
      return answers;
    });
  }

  /** {@code PUBSUB NUMSUB} of the request channel; 1 (this node alone) while Redis cannot be asked. */
  @Override
  public CompletableFuture<Integer> serverCount() {
    return cluster.numSub(channels.request())
        .thenApply(count -> Math.max(1, count))
        .exceptionally(e -> 1);
  }

  @Override
  public void close() {
    Subscriptions subscriptions = cluster.subscriptions();
    subscriptions.punsubscribe(channels.broadcastPattern(), onBroadcast);
    subscriptions.unsubscribe(channels.request(), onRequest);
    subscriptions.unsubscribe(channels.response(), onResponse);
    subscriptions.unsubscribe(channels.specificResponse(), onResponse);
    pending.close();
    super.close();
  }

  // ---- from other nodes -----------------------------------------------------------------------------

  private void onBroadcast(String channel, byte[] message) {
    if (!channel.startsWith(channels.broadcast())) {
      return;
    }
    JsonNode decoded = Wire.read(message);
    if (!decoded.isArray() || decoded.size() < 3 || uid.equals(decoded.get(0).asText())) {
      return;
    }
    JsonNode packet = decoded.get(1);
    if (!namespace.name().equals(packet.path("nsp").asText("/"))) {
      return;
    }
    SocketPacket event = Wire.event(packet, namespace.name());
    if (event != null) {
      super.broadcast(event, Wire.localOptions(decoded.get(2)));
    }
  }

  private void onResponse(byte[] message) {
    JsonNode response = Wire.read(message);
    if (response.isObject()) {
      pending.onResponse(response);
    }
  }

  /** What a request from another node runs here: the memory adapter's operations, on local sockets only. */
  List<SocketDetails> localSockets(BroadcastOptions options) {
    return super.fetchSockets(options, Duration.ZERO).join();
  }

  void localBroadcastWithAck(SocketPacket packet, BroadcastOptions options, Duration timeout,
      IntConsumer clientCount, Consumer<JsonNode> ack) {
    super.broadcastWithAck(packet, options, timeout, clientCount, ack);
  }

  void localAddSockets(BroadcastOptions options, Set<String> rooms) {
    super.addSockets(options, rooms);
  }

  void localDelSockets(BroadcastOptions options, Set<String> rooms) {
    super.delSockets(options, rooms);
  }

  void localDisconnectSockets(BroadcastOptions options, boolean close) {
    super.disconnectSockets(options, close);
  }

  // ---- publishing -----------------------------------------------------------------------------------

  private ObjectNode request(RequestType type, String requestId) {
    ObjectNode request = Wire.NODES.objectNode().put("uid", uid);
    if (requestId != null) {
      request.put("requestId", requestId);
    }
    return request.put("type", type.code);
  }

  void publish(String channel, byte[] message) {
    cluster.publish(channel, message).whenComplete((ok, error) -> {
      if (error != null) {
        log.debug("could not publish on {}: {}", channel, error.toString());
      }
    });
  }
}
