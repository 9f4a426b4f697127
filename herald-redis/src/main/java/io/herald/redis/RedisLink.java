package io.herald.redis;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to Redis that comes back by itself: when Redis goes away it reconnects with a jittered
 * exponential backoff (100 ms doubling to 5 s), runs {@code onConnect} (such as re-subscribing) and is up again.
 * As a {@link Redis} it sends each command on the current connection, or fails at once while Redis is down.
 */
final class RedisLink implements Redis {
  private static final Logger log = LoggerFactory.getLogger(RedisLink.class);
  private static final long MIN_DELAY_MS = 100;
  private static final long MAX_DELAY_MS = 5_000;

  private final Vertx vertx;
  private final Redis client;
  private final String name;
  private final Handler<Response> messages;
  private final Function<RedisConnection, Future<?>> onConnect;
  private final Consumer<Throwable> errors;
  private RedisConnection current;
  private volatile RedisConnection ready;
  private boolean closed;
  private int attempt;
  private long timer = -1;

  RedisLink(Vertx vertx, Redis client, String name, Handler<Response> messages,
      Function<RedisConnection, Future<?>> onConnect, Consumer<Throwable> errors) {
    this.vertx = vertx;
    this.client = client;
    this.name = name;
    this.messages = messages;
    this.onConnect = onConnect;
    this.errors = errors;
  }

  void start() {
    reconnect();
  }

  boolean isUp() {
    return ready != null;
  }

  /** The connection being set up or in use, or {@code null} while Redis is away. */
  synchronized RedisConnection current() {
    return current;
  }

  private void reconnect() {
    synchronized (this) {
      timer = -1;
      if (closed) {
        return;
      }
    }
    client.connect().onComplete(result -> {
      if (result.failed()) {
        failed(result.cause());
        return;
      }
      RedisConnection connection = result.result();
      synchronized (this) {
        if (closed) {
          connection.close();
          return;
        }
        current = connection;
      }
      connection.exceptionHandler(e -> lost(connection, e));
      connection.endHandler(v -> lost(connection, null));
      if (messages != null) {
        connection.handler(messages);
      }
      onConnect.apply(connection).onComplete(setUp -> {
        if (setUp.failed()) {
          lost(connection, setUp.cause());
          return;
        }
        synchronized (this) {
          if (current != connection) {
            return;
          }
          ready = connection;
          attempt = 0;
        }
        log.info("redis {} connection is up", name);
      });
    });
  }

  private void lost(RedisConnection connection, Throwable cause) {
    synchronized (this) {
      if (current != connection) {
        return;
      }
      current = null;
      ready = null;
    }
    connection.close();
    failed(cause != null ? cause : new IllegalStateException("connection closed by redis"));
  }

  private void failed(Throwable cause) {
    errors.accept(cause);
    long delay;
    synchronized (this) {
      if (closed || timer != -1) {
        return;
      }
      long base = Math.min(MAX_DELAY_MS, MIN_DELAY_MS << Math.min(attempt, 16));
      attempt++;
      delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
      timer = vertx.setTimer(delay, t -> reconnect());
    }
    log.debug("redis {} connection is down ({}); retrying in {} ms", name, cause.toString(), delay);
  }

  @Override
  public Future<RedisConnection> connect() {
    RedisConnection connection = ready;
    return connection != null ? Future.succeededFuture(connection) : down();
  }

  @Override
  public Future<Response> send(Request request) {
    RedisConnection connection = ready;
    return connection != null ? connection.send(request) : down();
  }

  @Override
  public Future<List<Response>> batch(List<Request> requests) {
    RedisConnection connection = ready;
    return connection != null ? connection.batch(requests) : down();
  }

  private <T> Future<T> down() {
    return Future.failedFuture(new IllegalStateException("redis " + name + " connection is down"));
  }

  @Override
  public Future<Void> close() {
    RedisConnection connection;
    synchronized (this) {
      closed = true;
      if (timer != -1) {
        vertx.cancelTimer(timer);
      }
      connection = current;
      current = null;
      ready = null;
    }
    return connection == null ? Future.succeededFuture() : connection.close();
  }
}
