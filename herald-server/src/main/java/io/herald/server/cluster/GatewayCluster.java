package io.herald.server.cluster;

import io.herald.core.adapter.AdapterFactory;
import io.herald.redis.RedisCluster;
import io.herald.redis.RedisClusterOptions;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.UUID;

/**
 * This gateway's membership in a cluster of gateways sharing one Redis: the Redis adapter that carries
 * broadcasts between nodes ({@link RedisCluster}, from {@code herald-redis}) and, over the same connections,
 * Herald's own commands and channels for presence and shared rate limits ({@link HeraldRedis}). They connect in the
 * background and come back by themselves; until Redis is reachable every node still serves its own sockets.
 */
public final class GatewayCluster implements AutoCloseable {
  private final ClusterSettings settings;
  private final RedisCluster adapter;
  private final HeraldRedis own;
  private final String nodeId = UUID.randomUUID().toString();

  private GatewayCluster(ClusterSettings settings, RedisCluster adapter, HeraldRedis own) {
    this.settings = settings;
    this.adapter = adapter;
    this.own = own;
  }

  /** Starts connecting and returns at once. */
  public static GatewayCluster start(Vertx vertx, ClusterSettings settings) {
    RedisCluster adapter = RedisCluster.create(vertx,
        RedisClusterOptions.of(settings.redisUrl()).withKey(settings.keyPrefix()));
    return new GatewayCluster(settings, adapter, HeraldRedis.over(adapter, settings));
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The adapter of every namespace: pass to {@code SocketServer.builder(vertx).adapter(...)}. */
  public AdapterFactory adapterFactory() {
    return adapter.adapterFactory();
  }

  /** Herald's own commands and channels (presence, rate limits). */
  public HeraldRedis redis() {
    return own;
  }

  /** This node's id in Herald's own Redis structures. */
  public String nodeId() {
    return nodeId;
  }

  /** Whether every connection to Redis is up now. */
  public boolean isUp() {
    return adapter.isUp();
  }

  /** Why Redis was last unreachable, if it ever was. */
  public Optional<String> lastError() {
    return Optional.ofNullable(adapter.lastError());
  }

  @Override
  public void close() {
    adapter.close();
  }
}
