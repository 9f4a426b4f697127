package io.herald.redis;

import io.herald.core.adapter.AdapterFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection of one node to the Redis that links the nodes of a cluster: a command connection (publishing,
 * {@code PUBSUB NUMSUB}, and {@link #api()} for other features) and a subscriber connection. Both come back by
 * themselves when Redis goes away, and every channel is subscribed again.
 *
 * <pre>{@code
 * RedisCluster redis = RedisCluster.create(vertx, RedisClusterOptions.of("redis://127.0.0.1:6379"));
 * SocketServer io = SocketServer.builder(vertx).adapter(redis.adapterFactory()).build();
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RedisCluster.class);

  private final Vertx vertx;
  private final RedisClusterOptions options;
  private final Redis client;
  private final RedisLink commands;
  private final RedisLink subscriber;
  private final Subscriptions subscriptions;
  private final RedisAPI api;
  private volatile String lastError;

  private RedisCluster(Vertx vertx, RedisClusterOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.client = Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(options.url())
        .setMaxWaitingHandlers(65_536)
        .setMaxPoolSize(4));
    RedisLink[] subscriberLink = new RedisLink[1];
    this.subscriptions = new Subscriptions(() -> subscriberLink[0].current());
    this.commands = new RedisLink(vertx, client, "command", null, c -> Future.succeededFuture(),
        this::onError);
    this.subscriber = new RedisLink(vertx, client, "subscriber", subscriptions::onPush, subscriptions::restore,
        this::onError);
    subscriberLink[0] = subscriber;
    this.api = RedisAPI.api(commands);
  }

  /** Starts connecting in the background and returns at once; {@link #isUp()} tells when Redis is reached. */
  public static RedisCluster create(Vertx vertx, RedisClusterOptions options) {
    RedisCluster cluster = new RedisCluster(vertx, options);
    cluster.commands.start();
    cluster.subscriber.start();
    return cluster;
  }

  /** Creates a {@link RedisAdapter} for each namespace: pass it to {@code SocketServer.builder(vertx).adapter(...)}. */
  public AdapterFactory adapterFactory() {
    return namespace -> new RedisAdapter(namespace, this);
  }

  /** Whether both connections are up and every channel is subscribed. */
  public boolean isUp() {
    return commands.isUp() && subscriber.isUp();
  }

  /** The last error seen on either connection, or {@code null}. */
  public String lastError() {
    return lastError;
  }

  /** Commands on the command connection; they fail at once while Redis is away. */
  public RedisAPI api() {
    return api;
  }

  /** The command connection as a Vert.x {@link Redis}, for commands with binary arguments. */
  public Redis redis() {
    return commands;
  }

  /**
   * Calls {@code handler} with every message published on {@code channel}, on the same subscriber connection the
   * adapters use, subscribed again whenever it comes back. For an application's own channels next to the adapter's.
   */
  public void subscribe(String channel, Consumer<byte[]> handler) {
    subscriptions.subscribe(channel, (name, payload) -> handler.accept(payload));
  }

  public RedisClusterOptions options() {
    return options;
  }

  Vertx vertx() {
    return vertx;
  }

  Subscriptions subscriptions() {
    return subscriptions;
  }

  CompletableFuture<Void> publish(String channel, byte[] payload) {
    return publish(commands, channel, payload);
  }

  static CompletableFuture<Void> publish(Redis redis, String channel, byte[] payload) {
    return redis.send(Request.cmd(Command.PUBLISH).arg(channel).arg(Buffer.buffer(payload)))
        .<Void>mapEmpty()
        .toCompletionStage()
        .toCompletableFuture();
  }

  /** The number of connections subscribed to {@code channel}, across the cluster. */
  CompletableFuture<Integer> numSub(String channel) {
    return commands.send(Request.cmd(Command.PUBSUB).arg("NUMSUB").arg(channel))
        .map(reply -> count(reply, channel))
        .toCompletionStage()
        .toCompletableFuture();
  }

  private static int count(Response reply, String channel) {
    if (reply.isMap()) {
      Response value = reply.get(channel);
      return value == null ? 0 : value.toInteger();
    }
    return reply.size() < 2 ? 0 : reply.get(1).toInteger();
  }

  private void onError(Throwable error) {
    lastError = error.getMessage() != null ? error.getMessage() : error.toString();
  }

  @Override
  public void close() {
    subscriber.close();
    commands.close();
    client.close().onFailure(e -> log.debug("closing the redis client failed", e));
  }
}
