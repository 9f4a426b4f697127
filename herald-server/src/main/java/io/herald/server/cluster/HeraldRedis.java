package io.herald.server.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's own connection to Redis, next to the adapter's: a pooled client for commands and scripts (each command
 * takes a pooled connection, so it works again as soon as Redis does), and one subscriber connection for Herald's
 * channels, reconnected with exponential backoff (100 ms doubling to 5 s). Redis counts as up while the
 * subscriber is connected. Never blocks; {@link #create} returns at once and connects in the background.
 */
public final class HeraldRedis implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HeraldRedis.class);
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 5_000;

  private final Vertx vertx;
  private final ClusterSettings settings;
  private final Redis commands;
  private final Redis subscriberClient;
  private final Map<String, Consumer<String>> channels = new ConcurrentHashMap<>();
  private volatile RedisConnection subscriber;
  private volatile boolean up;
  private volatile String lastError;
  private volatile boolean closed;
  private long backoffMs = MIN_BACKOFF_MS;

  private HeraldRedis(Vertx vertx, ClusterSettings settings) {
    this.vertx = vertx;
    this.settings = settings;
    this.commands = Redis.createClient(vertx, options(settings).setMaxPoolSize(8).setMaxPoolWaiting(4096));
    this.subscriberClient = Redis.createClient(vertx, options(settings).setMaxPoolSize(1));
  }

  private static RedisOptions options(ClusterSettings settings) {
    // RESP2: replies and pub/sub messages have one shape whatever the server's version
    return new RedisOptions().setConnectionString(settings.redisUrl())
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
  }

  /** Starts connecting in the background; see {@link #isUp()}. */
  public static HeraldRedis create(Vertx vertx, ClusterSettings settings) {
    HeraldRedis link = new HeraldRedis(vertx, settings);
    link.connect();
    return link;
  }

  /** The client for commands and scripts; a command fails fast while Redis is unreachable. */
  public Redis redis() {
    return commands;
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** Whether the subscriber connection is up now. */
  public boolean isUp() {
    return up;
  }

  /** Why Redis was last unreachable, empty if it never was. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Calls {@code handler} with every message published on {@code channel}, across reconnections. */
  public void subscribe(String channel, Consumer<String> handler) {
    channels.put(channel, handler);
    RedisConnection connection = subscriber;
    if (connection != null) {
      connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
          .onFailure(e -> log.warn("could not subscribe to {}: {}", channel, e.getMessage()));
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    subscriberClient.connect().compose(this::subscribeAll).onComplete(done -> {
      if (done.succeeded()) {
        backoffMs = MIN_BACKOFF_MS;
        if (!up) {
          log.info("Redis is up at {}", ClusterSettings.redact(settings.redisUrl()));
        }
        up = true;
      } else {
        failedSetUp(done.cause());
      }
    });
  }

  /** Connected but could not subscribe: drop that connection and try again later. */
  private synchronized void failedSetUp(Throwable cause) {
    RedisConnection half = subscriber;
    subscriber = null;
    if (half != null) {
      half.close();
    }
    lost(cause);
  }

  private Future<Void> subscribeAll(RedisConnection connection) {
    if (closed) {
      connection.close();
      return Future.failedFuture("closed");
    }
    subscriber = connection;
    connection.handler(this::message);
    connection.exceptionHandler(e -> drop(connection, e));
    connection.endHandler(v -> drop(connection, new IllegalStateException("connection closed")));
    if (channels.isEmpty()) {
      return connection.send(Request.cmd(Command.PING)).mapEmpty();
    }
    Request subscribe = Request.cmd(Command.SUBSCRIBE);
    channels.keySet().forEach(subscribe::arg);
    return connection.send(subscribe).mapEmpty();
  }

  private void message(Response response) {
    if (response.size() >= 3 && "message".equals(response.get(0).toString())) {
      Consumer<String> handler = channels.get(response.get(1).toString());
      if (handler != null) {
        try {
          handler.accept(response.get(2).toString());
        } catch (RuntimeException e) {
          log.warn("a handler of channel {} failed", response.get(1), e);
        }
      }
    }
  }

  private synchronized void drop(RedisConnection connection, Throwable cause) {
    if (subscriber != connection) {
      return;
    }
    subscriber = null;
    connection.close();
    lost(cause);
  }

  private synchronized void lost(Throwable cause) {
    lastError = String.valueOf(cause.getMessage());
    if (closed) {
      up = false;
      return;
    }
    if (up) {
      log.warn("Redis is down ({}); reconnecting", lastError);
    }
    up = false;
    long delay = backoffMs;
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    vertx.setTimer(delay, t -> connect());
  }

  /** Closes both clients; nothing reconnects afterwards. */
  @Override
  public void close() {
    closed = true;
    up = false;
    RedisConnection connection = subscriber;
    if (connection != null) {
      connection.close();
    }
    subscriberClient.close();
    commands.close();
  }
}
