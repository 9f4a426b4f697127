package io.herald.server.cluster;

import io.herald.redis.RedisCluster;
import io.herald.redis.RedisClusterOptions;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Herald's own use of the cluster's Redis (presence, shared rate limits), over the same two connections as the
 * adapter ({@link RedisCluster}: one for commands, one subscriber), so a node holds one set of Redis connections and
 * one reconnection logic. Commands fail fast while Redis is unreachable; subscriptions come back with the connection.
 */
public final class HeraldRedis implements AutoCloseable {
  private final RedisCluster cluster;
  private final ClusterSettings settings;
  private final boolean ownsCluster;

  private HeraldRedis(RedisCluster cluster, ClusterSettings settings, boolean ownsCluster) {
    this.cluster = cluster;
    this.settings = settings;
    this.ownsCluster = ownsCluster;
  }

  /** Herald's commands and channels on the connections of {@code cluster}, which stays the owner of them. */
  public static HeraldRedis over(RedisCluster cluster, ClusterSettings settings) {
    return new HeraldRedis(cluster, settings, false);
  }

  /** A connection of its own, for a node without the adapter (tests); closed with {@link #close()}. */
  public static HeraldRedis create(Vertx vertx, ClusterSettings settings) {
    RedisCluster cluster = RedisCluster.create(vertx,
        RedisClusterOptions.of(settings.redisUrl()).withKey(settings.keyPrefix()));
    return new HeraldRedis(cluster, settings, true);
  }

  /** The client for commands and scripts; a command fails fast while Redis is unreachable. */
  public Redis redis() {
    return cluster.redis();
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** Whether both connections are up now. */
  public boolean isUp() {
    return cluster.isUp();
  }

  /** Why Redis was last unreachable, empty if it never was. */
  public Optional<String> lastError() {
    return Optional.ofNullable(cluster.lastError());
  }

  /** Calls {@code handler} with every message published on {@code channel}, across reconnections. */
  public void subscribe(String channel, Consumer<String> handler) {
    cluster.subscribe(channel, payload -> handler.accept(new String(payload, StandardCharsets.UTF_8)));
  }

  /** Closes the connections if this instance made them. */
  @Override
  public void close() {
    if (ownsCluster) {
      cluster.close();
    }
  }
}
