package io.herald.redis;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import io.socket.client.Ack;
import io.socket.client.IO;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** A socket.io-client-java socket over WebSocket that records events by name. */
final class TestClient implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final io.socket.client.Socket socket;
  private final Map<String, BlockingQueue<Object[]>> queues = new ConcurrentHashMap<>();
  private final List<String> names = new CopyOnWriteArrayList<>();

  private TestClient(io.socket.client.Socket socket) {
    this.socket = socket;
    socket.onAnyIncoming(args -> {
      String name = String.valueOf(args[0]);
      names.add(name); // before the queue: whoever takes it from the queue must find it in received()
      queue(name).add(java.util.Arrays.copyOfRange(args, 1, args.length));
    });
    for (String reserved : List.of(io.socket.client.Socket.EVENT_CONNECT, io.socket.client.Socket.EVENT_DISCONNECT)) {
      socket.on(reserved, queue(reserved)::add);
    }
  }

  static TestClient connect(String url, Map<String, String> auth) {
    IO.Options options = new IO.Options();
    options.forceNew = true;
    options.reconnection = false;
    options.transports = new String[] {"websocket"};
    options.auth = auth;
    TestClient client = new TestClient(IO.socket(URI.create(url), options));
    client.socket.connect();
    client.next(io.socket.client.Socket.EVENT_CONNECT);
    return client;
  }

  private BlockingQueue<Object[]> queue(String event) {
    return queues.computeIfAbsent(event, name -> new LinkedBlockingQueue<>());
  }

  /** The names of every event received so far, in order. */
  List<String> received() {
    return List.copyOf(names);
  }

  Object[] next(String event) {
    try {
      Object[] args = queue(event).poll(TIMEOUT.toMillis(), MILLISECONDS);
      if (args == null) {
        throw new AssertionError("no '" + event + "' within " + TIMEOUT.toSeconds() + " s");
      }
      return args;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Answers every {@code event} that asks for an ack with {@code reply}. */
  TestClient answer(String event, Object reply) {
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

  @Override
  public void close() {
    socket.close();
  }
}
