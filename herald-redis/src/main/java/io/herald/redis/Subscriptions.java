package io.herald.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels and patterns the subscriber connection listens to, with their handlers. Survives reconnections:
 * {@link #restore} subscribes everything again on a new connection.
 */
final class Subscriptions {
  private static final Logger log = LoggerFactory.getLogger(Subscriptions.class);

  /** Receives one message published on {@code channel}. */
  @FunctionalInterface
  interface Listener {
    void onMessage(String channel, byte[] payload);
  }

  private final Map<String, List<Listener>> channels = new ConcurrentHashMap<>();
  private final Map<String, List<Listener>> patterns = new ConcurrentHashMap<>();
  private final Supplier<RedisConnection> connection;

  Subscriptions(Supplier<RedisConnection> connection) {
    this.connection = connection;
  }

  void subscribe(String channel, Listener listener) {
    add(channels, Command.SUBSCRIBE, channel, listener);
  }

  void psubscribe(String pattern, Listener listener) {
    add(patterns, Command.PSUBSCRIBE, pattern, listener);
  }

  void unsubscribe(String channel, Listener listener) {
    remove(channels, Command.UNSUBSCRIBE, channel, listener);
  }

  void punsubscribe(String pattern, Listener listener) {
    remove(patterns, Command.PUNSUBSCRIBE, pattern, listener);
  }

  private void add(Map<String, List<Listener>> map, Command command, String name, Listener listener) {
    map.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>()).add(listener);
    send(command, name);
  }

  private void remove(Map<String, List<Listener>> map, Command command, String name, Listener listener) {
    boolean last = map.computeIfPresent(name, (n, list) -> {
      list.remove(listener);
      return list.isEmpty() ? null : list;
    }) == null;
    if (last) {
      send(command, name);
    }
  }

  private void send(Command command, String name) {
    RedisConnection current = connection.get();
    if (current != null) {
      current.send(Request.cmd(command).arg(name))
          .onFailure(e -> log.debug("{} {} failed; it is sent again after reconnecting", command, name, e));
    }
  }

  /** Subscribes a new connection to every pattern, then every channel; done when Redis has confirmed both. */
  Future<?> restore(RedisConnection fresh) {
    Future<?> patternsDone = Future.succeededFuture();
    if (!patterns.isEmpty()) {
      Request request = Request.cmd(Command.PSUBSCRIBE);
      patterns.keySet().forEach(request::arg);
      patternsDone = fresh.send(request);
    }
    Future<?> channelsDone = Future.succeededFuture();
    if (!channels.isEmpty()) {
      Request request = Request.cmd(Command.SUBSCRIBE);
      channels.keySet().forEach(request::arg);
      channelsDone = fresh.send(request);
    }
    return Future.all(patternsDone, channelsDone);
  }

  /** A push from the subscriber connection: {@code message} and {@code pmessage} go to their listeners. */
  void onPush(Response push) {
    if (push == null || push.size() < 3) {
      return;
    }
    String kind = push.get(0).toString();
    if ("message".equals(kind)) {
      dispatch(channels.get(push.get(1).toString()), push.get(1), push.get(2));
    } else if ("pmessage".equals(kind) && push.size() >= 4) {
      dispatch(patterns.get(push.get(1).toString()), push.get(2), push.get(3));
    }
  }

  private static void dispatch(List<Listener> listeners, Response channel, Response payload) {
    if (listeners == null || payload == null) {
      return;
    }
    String name = channel.toString();
    byte[] bytes = payload.toBytes();
    for (Listener listener : listeners) {
      try {
        listener.onMessage(name, bytes);
      } catch (IllegalArgumentException e) {
        log.warn("ignoring a malformed message on {}: {}", name, e.getMessage());
      } catch (RuntimeException e) {
        log.warn("ignoring a message on {} that could not be handled", name, e);
      }
    }
  }
}
