package io.herald.core.server;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/**
 * A real socket.io-client-java socket that records the events it gets into one queue per event name.
 * Events arrive on the client's event thread; tests read them with timeouts.
 */
final class RecordingClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(5);

  final io.socket.client.Socket socket;
  private final Map<String, BlockingQueue<Object[]>> queues = new ConcurrentHashMap<>();

  RecordingClient(io.socket.client.Socket socket) {
    this.socket = socket;
    events(io.socket.client.Socket.EVENT_CONNECT);
    events(io.socket.client.Socket.EVENT_CONNECT_ERROR);
    events(io.socket.client.Socket.EVENT_DISCONNECT);
  }

  /** Options for a fresh connection without reconnection, over the given transports (websocket if none). */
  static IO.Options options(String... transports) {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.timeout = 5_000;
    options.transports = transports.length == 0 ? new String[] {"websocket"} : transports;
    return options;
  }

  static RecordingClient create(String url, IO.Options options) {
    return new RecordingClient(IO.socket(URI.create(url), options));
  }

  /** A socket of a shared manager (several namespaces on one connection). */
  static RecordingClient create(Manager manager, String namespace, IO.Options options) {
    return new RecordingClient(manager.socket(namespace, options));
  }

  /** Connects over websocket and waits for the CONNECT. */
  static RecordingClient connect(String url) {
    return create(url, options()).connectAndAwait();
  }

  static RecordingClient connect(String url, IO.Options options) {
    return create(url, options).connectAndAwait();
  }

  /** The queue of one event, listening from now on. */
  BlockingQueue<Object[]> events(String event) {
    return queues.computeIfAbsent(event, name -> {
      BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
      socket.on(name, args -> queue.add(args));
      return queue;
    });
  }

  RecordingClient connectAndAwait() {
    socket.connect();
    Object[] connected = poll(io.socket.client.Socket.EVENT_CONNECT, TIMEOUT);
    if (connected == null) {
      Object[] error = events(io.socket.client.Socket.EVENT_CONNECT_ERROR).peek();
      throw new AssertionError("not connected within " + TIMEOUT.toSeconds() + " s"
          + (error == null ? "" : "; connect_error " + Arrays.toString(error)));
    }
    return this;
  }

  /** Starts connecting and waits for connect_error; returns its first argument. */
  Object connectAndAwaitError() {
    socket.connect();
    return next(io.socket.client.Socket.EVENT_CONNECT_ERROR)[0];
  }

  /** The next occurrence of an event; fails after {@link #TIMEOUT}. */
  Object[] next(String event) {
    return next(event, TIMEOUT);
  }

  Object[] next(String event, Duration timeout) {
    Object[] args = poll(event, timeout);
    if (args == null) {
      throw new AssertionError("no '" + event + "' event within " + timeout.toMillis() + " ms");
    }
    return args;
  }

  Object[] poll(String event, Duration timeout) {
    try {
      return events(event).poll(timeout.toMillis(), MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Every occurrence of an event received so far, removed from the queue. */
  List<Object[]> drain(String event) {
    List<Object[]> all = new ArrayList<>();
    events(event).drainTo(all);
    return all;
  }

  /** The reason of the next disconnect, as the client names it (such as {@code io server disconnect}). */
  String nextDisconnectReason() {
    return String.valueOf(next(io.socket.client.Socket.EVENT_DISCONNECT)[0]);
  }

  /** Emits with an acknowledgement callback and waits for the server's answer. */
  Object[] emitWithAck(String event, Object... args) {
    CompletableFuture<Object[]> answer = new CompletableFuture<>();
    socket.emit(event, args, (Ack) answer::complete);
    try {
      return answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new AssertionError("no ack for '" + event + "'", e);
    }
  }

  /** Replies to every {@code event} the server sends with an ack request, with these arguments. */
  RecordingClient answer(String event, Object... reply) {
    socket.on(event, args -> {
      if (args.length > 0 && args[args.length - 1] instanceof Ack ack) {
        ack.call(reply);
      }
    });
    return this;
  }

  String id() {
    return socket.id();
  }

  static JSONObject json(String key, Object value) {
    return new JSONObject(Map.of(key, value));
  }

  @Override
  public void close() {
    socket.close();
  }
}
