package io.herald.redis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.adapter.BroadcastOptions;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Emits to the clients of a Socket.IO cluster (Herald or Node servers with the Redis adapter) without running a
 * server, publishing what {@code @socket.io/redis-emitter} 5 publishes. Immutable: every selection returns a new
 * emitter.
 *
 * <pre>{@code
 * RedisEmitter emitter = RedisEmitter.create(cluster);
 * emitter.of("/chat").to("room:42").except("muted").emit("message", Map.of("text", "hi"));
 * }</pre>
 */
public final class RedisEmitter {
  private static final String UID = "emitter";
  private static final Set<String> RESERVED =
      Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

  private final Redis redis;
  private final String key;
  private final String namespace;
  private final Set<String> rooms;
  private final Set<String> except;
  private final boolean volatileDelivery;

  private RedisEmitter(Redis redis, String key, String namespace, Set<String> rooms, Set<String> except,
      boolean volatileDelivery) {
    this.redis = redis;
    this.key = key;
    this.namespace = namespace;
    this.rooms = rooms;
    this.except = except;
    this.volatileDelivery = volatileDelivery;
  }

  /** Publishes through a cluster's command connection, with its key. */
  public static RedisEmitter create(RedisCluster cluster) {
    return create(cluster.redis(), cluster.options().key());
  }

  /** Publishes through a Vert.x Redis client (binary messages need {@code Redis}, not {@code RedisAPI}). */
  public static RedisEmitter create(Redis redis, String key) {
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(key, "key");
    return new RedisEmitter(redis, key, "/", Set.of(), Set.of(), false);
  }

  /** Publishes through a new Redis client for {@code url}; the client lives as long as {@code vertx}. */
  public static RedisEmitter create(Vertx vertx, String url, String key) {
    return create(Redis.createClient(vertx, url), key);
  }

  /** The same emitter on namespace {@code name}, with no room selected. */
  public RedisEmitter of(String name) {
    String nsp = name.startsWith("/") ? name : "/" + name;
    return new RedisEmitter(redis, key, nsp, Set.of(), Set.of(), false);
  }

  public RedisEmitter to(String... more) {
    return new RedisEmitter(redis, key, namespace, union(rooms, more), except, volatileDelivery);
  }

  public RedisEmitter in(String... more) {
    return to(more);
  }

  public RedisEmitter except(String... more) {
    return new RedisEmitter(redis, key, namespace, rooms, union(except, more), volatileDelivery);
  }

  /** Sockets that cannot take the event right now miss it. */
  public RedisEmitter volatileDelivery() {
    return new RedisEmitter(redis, key, namespace, rooms, except, true);
  }

  /** Publishes an event for the selected sockets; completes when Redis has taken it. */
  public CompletableFuture<Void> emit(String event, Object... args) {
    Objects.requireNonNull(event, "event");
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("event: \"" + event + "\" is reserved (expected: any other name)");
    }
    List<Object> data = new ArrayList<>(args.length + 1);
    data.add(event);
    Collections.addAll(data, args);
    BroadcastOptions options = selection();
    ArrayNode message = Wire.NODES.arrayNode(3)
        .add(UID)
        .add(Wire.packet(SocketPacket.event(namespace, data, SocketPacket.NO_ID), false))
        .add(Wire.options(options, Wire.flags(options)));
    return RedisCluster.publish(redis, channels().broadcastTo(rooms), Msgpack.encode(message));
  }

  /** Makes the selected sockets join {@code rooms}, on every node. */
  public CompletableFuture<Void> socketsJoin(String... more) {
    return publishRequest(roomsRequest(RequestType.REMOTE_JOIN, more));
  }

  /** Makes the selected sockets leave {@code rooms}, on every node. */
  public CompletableFuture<Void> socketsLeave(String... more) {
    return publishRequest(roomsRequest(RequestType.REMOTE_LEAVE, more));
  }

  /** Disconnects the selected sockets; with {@code close}, their whole connection. */
  public CompletableFuture<Void> disconnectSockets(boolean close) {
    ObjectNode request = Wire.NODES.objectNode().put("type", RequestType.REMOTE_DISCONNECT.code);
    request.set("opts", Wire.selection(selection()));
    request.put("close", close);
    return publishRequest(request);
  }

  /** Sends an event to the servers of the namespace (their {@code onServerSideEmit} listeners); no acks. */
  public CompletableFuture<Void> serverSideEmit(String event, Object... args) {
    List<Object> data = new ArrayList<>(args.length + 1);
    data.add(Objects.requireNonNull(event, "event"));
    Collections.addAll(data, args);
    ObjectNode request = Wire.NODES.objectNode().put("uid", UID).put("type", RequestType.SERVER_SIDE_EMIT.code);
    request.set("data", Wire.tree(data));
    return publishRequest(request);
  }

  private ObjectNode roomsRequest(RequestType type, String[] more) {
    ObjectNode request = Wire.NODES.objectNode().put("type", type.code);
    request.set("opts", Wire.selection(selection()));
    request.set("rooms", Wire.strings(Arrays.asList(more)));
    return request;
  }

  private CompletableFuture<Void> publishRequest(ObjectNode request) {
    return RedisCluster.publish(redis, channels().request(), Wire.json(request));
  }

  private BroadcastOptions selection() {
    return new BroadcastOptions(rooms, except, volatileDelivery, false);
  }

  private Channels channels() {
    return Channels.of(key, namespace, UID);
  }

  private static Set<String> union(Set<String> current, String[] more) {
    Set<String> all = new LinkedHashSet<>(current);
    all.addAll(Arrays.asList(more));
    return Collections.unmodifiableSet(all);
  }
}
