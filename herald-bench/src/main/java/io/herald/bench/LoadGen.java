package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.socketio.PayloadMapper;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * The load generator: holds thousands of Socket.IO connections (WebSocket transport) from one process on one
 * Netty event loop, speaking Engine.IO/Socket.IO with herald-core's codecs, and runs one scenario against a
 * server implementing the events of {@code bench/node-reference/server.js}. Prints one JSON line with the
 * result on stdout, progress on stderr. Bounded in connections and time: it always stops by itself.
 *
 * <pre>
 *   java -jar herald-bench.jar --scenario echo --port 3000 --server-pid 1234 --label herald
 *       [--host 127.0.0.1] [--conns N] [--duration s] [--warmup s] [--rate r] [--sources 8]
 *       [--concurrency 200] [--timeout s] [--payload bytes]
 * </pre>
 *
 * <p>Scenarios: {@code connect} and {@code connect-jwt} (connect storm, anonymous on {@code /} or with an HS256
 * token on {@code /secure}), {@code idle} (hold N connections, server RSS per connection after a GC),
 * {@code echo} (N closed-loop clients, emit with ack), {@code fanout} (N members of one room, {@code --rate}
 * broadcasts per second, latency from emit to receipt), {@code chat} (rooms of 5, every user sending
 * {@code --rate} messages per second to its room). Clients bind to 127.0.0.2 .. 127.0.0.(1+sources).
 */
public final class LoadGen {
  private static final long MAX_LATENCY_US = TimeUnit.SECONDS.toMicros(120);

  private final Args args;
  private final String scenario;
  private final String label;
  private final String host;
  private final int port;
  private final long serverPid;
  private final int sources;
  private final int concurrency;
  private final String padding;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final WebSocketClientProtocolConfig wsConfig;
  private final ObjectNode result = PayloadMapper.get().createObjectNode();

  // Connection bookkeeping, only touched on the event loop.
  private final Hub hub = new Hub();

  private LoadGen(Args args) {
    this.args = args;
    this.scenario = args.value("--scenario", "echo");
    this.label = args.value("--label", "server");
    this.host = args.value("--host", "127.0.0.1");
    this.port = args.intValue("--port", 3000);
    this.serverPid = Long.parseLong(args.value("--server-pid", "0"));
    this.sources = Math.max(1, Math.min(254, args.intValue("--sources", 8)));
    this.concurrency = args.intValue("--concurrency", 200);
    this.padding = "x".repeat(args.intValue("--payload", 64));
    this.group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    this.loop = group.next();
    URI uri = URI.create("ws://" + host + ":" + port + "/socket.io/?EIO=4&transport=websocket");
    this.wsConfig = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri).maxFramePayloadLength(1 << 20)
        .handshakeTimeoutMillis(30_000).build();
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    result.put("scenario", args.value("--name", scenario)).put("server", label);
  }

  public static void main(String[] argv) throws Exception {
    Args args = new Args(argv);
    LoadGen gen = new LoadGen(args);
    int timeout = args.intValue("--timeout", 300);
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(timeout));
        gen.result.put("ok", false).put("error", "timed out after " + timeout + " s");
        System.out.println(gen.result);
        System.out.flush();
        Runtime.getRuntime().halt(2);
      } catch (InterruptedException e) {
        // finished in time
      }
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    int status = 0;
    try {
      gen.run();
      gen.result.put("ok", true);
    } catch (Throwable e) {
      gen.result.put("ok", false).put("error", String.valueOf(e));
      e.printStackTrace();
      status = 1;
    }
    System.out.println(gen.result);
    System.out.flush();
    Runtime.getRuntime().halt(status);
  }

  private void run() throws Exception {
    int conns = args.intValue("--conns", 100);
    double duration = args.doubleValue("--duration", 10);
    double warmup = args.doubleValue("--warmup", Math.min(2, duration / 5));
    double rate = args.doubleValue("--rate", 1);
    result.put("conns", conns);
    switch (scenario) {
      case "connect" -> connectStorm(conns, false);
      case "connect-jwt" -> connectStorm(conns, true);
      case "idle" -> idle(conns, duration);
      case "echo" -> echo(conns, duration, warmup);
      case "fanout" -> fanout(conns, duration, warmup, rate);
      case "chat" -> chat(conns, duration, warmup, rate);
      default -> throw new IllegalArgumentException("unknown scenario: " + scenario);
    }
  }

  // ---------------------------------------------------------------- scenarios

  private void connectStorm(int n, boolean jwt) throws Exception {
    Jwt.Signer signer = jwt ? new Jwt.Signer(System.getenv().getOrDefault("BENCH_JWT_SECRET", Jwt.DEFAULT_SECRET))
        : null;
    long exp = System.currentTimeMillis() / 1000 + 3600;
    // Tokens are signed beforehand so that the storm measures the server, not the signing.
    String[] tokens = new String[n];
    if (jwt) {
      for (int i = 0; i < n; i++) {
        tokens[i] = signer.sign("user-" + i, exp);
      }
    }
    // A short warm-up wave (both JITs), closed again before the storm.
    int warm = Math.min(200, n / 10);
    if (warm > 0) {
      List<Client> warmers = open(warm, jwt ? "/secure" : "/", jwt ? i -> Map.of("token", tokens[i]) : i -> null);
      onLoop(() -> {
        warmers.forEach(Client::close);
        return null;
      });
      Thread.sleep(500);
    }
    ProcStat.Cpu cpu0 = cpu();
    long t0 = System.nanoTime();
    List<Client> clients = open(n, jwt ? "/secure" : "/", jwt ? i -> Map.of("token", tokens[i]) : i -> null);
    long t1 = onLoop(() -> hub.lastConnectAt);
    ProcStat.Cpu cpu1 = cpu();
    int connected = clients.size();
    double seconds = (t1 - t0) / 1e9;
    result.put("connected", connected).put("failed", n - connected)
        .put("connectsPerSec", round(connected / Math.max(seconds, 1e-9)))
        .put("stormSeconds", round(seconds));
    latency(onLoop(() -> hub.connectLatency.copy()));
    cpu(cpu1.since(cpu0), connected, "MsPerConnect");
    result.put("rssKb", ProcStat.rssKb(serverPid));
    requireAll(n, connected, "connections");
  }

  private void idle(int n, double hold) throws Exception {
    Client control = open(1, "/", i -> null).get(0);
    gc(control);
    long base = ProcStat.rssKb(serverPid);
    ProcStat.Cpu cpu0 = cpu();
    List<Client> clients = open(n, "/", i -> null);
    sleep(hold);
    gc(control);
    long rss = ProcStat.rssKb(serverPid);
    int still = onLoop(() -> (int) clients.stream().filter(Client::isConnected).count());
    result.put("connected", clients.size()).put("stillConnected", still).put("failed", n - clients.size())
        .put("rssBaseKb", base).put("rssKb", rss)
        .put("rssPerConnKb", rss < 0 || base < 0 ? Double.NaN : round((rss - base) / (double) Math.max(1, still)))
        .put("clientHeapUsedMb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    serverCpu(cpu().since(cpu0));
    requireAll(n, still, "connections held");
  }

  private void echo(int n, double duration, double warmup) throws Exception {
    List<Client> clients = open(n, "/", i -> null);
    ObjectNode payload = payload();
    Histogram hist = histogram();
    long[] count = {0};
    boolean[] measuring = {false};
    boolean[] running = {true};
    hub.onAck = (c, id, data) -> {
      long now = System.nanoTime();
      if (measuring[0]) {
        hist.recordValue(Math.min(MAX_LATENCY_US, (now - c.sentAt) / 1000));
        count[0]++;
      }
      if (running[0]) {
        c.sentAt = System.nanoTime();
        c.emit(true, "echo", payload);
      }
    };
    onLoop(() -> {
      for (Client c : clients) {
        c.sentAt = System.nanoTime();
        c.emit(true, "echo", payload);
      }
      return null;
    });
    sleep(warmup);
    ProcStat.Cpu cpu0 = cpu();
    long t0 = onLoop(() -> {
      measuring[0] = true;
      return System.nanoTime();
    });
    sleep(duration);
    long[] snap = onLoop(() -> {
      measuring[0] = false;
      running[0] = false;
      return new long[] {System.nanoTime(), count[0]};
    });
    ProcStat.Cpu cpu1 = cpu();
    double seconds = (snap[0] - t0) / 1e9;
    result.put("connected", clients.size()).put("acked", snap[1]).put("measuredSeconds", round(seconds))
        .put("msgsPerSec", round(snap[1] / seconds));
    latency(onLoop(hist::copy));
    cpu(cpu1.since(cpu0), snap[1], "SPer1kMsgs");
    result.put("rssKb", ProcStat.rssKb(serverPid));
    requireAll(n, clients.size(), "connections");
    if (snap[1] == 0) {
      throw new IllegalStateException("no echo was acknowledged");
    }
  }

  private void fanout(int members, double duration, double warmup, double rate) throws Exception {
    List<Client> clients = open(members + 1, "/", i -> null);
    requireAll(members + 1, clients.size(), "connections");
    Client sender = clients.get(clients.size() - 1);
    List<Client> room = clients.subList(0, clients.size() - 1);
    join(room, c -> "fan");
    Delivery d = new Delivery();
    hub.onEvent = (c, name, data) -> {
      if ("tick".equals(name)) {
        d.receive(data.path(1), c.readAt);
      }
    };
    ObjectNode pad = payload();
    long periodNanos = (long) (1e9 / rate);
    ScheduledFuture<?> timer = loop.scheduleAtFixedRate(() -> {
      ObjectNode msg = pad.deepCopy().put("t", System.nanoTime()).put("s", d.seq++);
      sender.emit(false, "fanout", "fan", msg);
    }, 0, periodNanos, TimeUnit.NANOSECONDS);
    measure(d, timer, duration, warmup, members);
  }

  private void chat(int users, double duration, double warmup, double rate) throws Exception {
    int size = 5;
    users = Math.max(size, users / size * size);
    result.put("conns", users).put("roomSize", size);
    List<Client> clients = open(users, "/", i -> null);
    int n = users;
    requireAll(n, clients.size(), "connections");
    join(clients, c -> "chat-" + (c.room / size));
    Delivery d = new Delivery();
    hub.onEvent = (c, name, data) -> {
      if ("msg".equals(name)) {
        d.receive(data.path(1), c.readAt);
      }
    };
    ObjectNode pad = payload();
    double perTick = n * rate / 100.0;   // a 10 ms tick
    double[] quota = {0};
    int[] next = {0};
    ScheduledFuture<?> timer = loop.scheduleAtFixedRate(() -> {
      quota[0] += perTick;
      while (quota[0] >= 1) {
        quota[0]--;
        Client c = clients.get(next[0]);
        next[0] = (next[0] + 1) % n;
        ObjectNode msg = pad.deepCopy().put("t", System.nanoTime()).put("s", d.seq++);
        c.emit(false, "send", msg);
      }
    }, 0, 10, TimeUnit.MILLISECONDS);
    measure(d, timer, duration, warmup, size - 1);
  }

  /** Shared by fan-out and chat: warm up, measure, stop sending, wait for the deliveries to drain. */
  private void measure(Delivery d, ScheduledFuture<?> timer, double duration, double warmup, int perMessage)
      throws Exception {
    sleep(warmup);
    ProcStat.Cpu cpu0 = cpu();
    long t0 = onLoop(() -> {
      d.measureFrom = d.seq;
      return System.nanoTime();
    });
    sleep(duration);
    long[] sent = onLoop(() -> {
      timer.cancel(false);
      return new long[] {System.nanoTime(), d.seq - d.measureFrom};
    });
    long expected = sent[1] * perMessage;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline && onLoop(() -> d.measured) < expected) {
      Thread.sleep(20);
    }
    ProcStat.Cpu cpu1 = cpu();
    long received = onLoop(() -> d.measured);
    double seconds = (sent[0] - t0) / 1e9;
    result.put("sent", sent[1]).put("expected", expected).put("delivered", received)
        .put("deliveryRate", round(expected == 0 ? 0 : received / (double) expected))
        .put("deliveriesPerSec", round(received / seconds)).put("measuredSeconds", round(seconds));
    latency(onLoop(d.hist::copy));
    cpu(cpu1.since(cpu0), received, "SPer1kMsgs");
    result.put("rssKb", ProcStat.rssKb(serverPid));
    if (received == 0) {
      throw new IllegalStateException("nothing was delivered");
    }
  }

  /** Deliveries carrying {t: nanoTime at emit, s: sequence}; only touched on the event loop. */
  private static final class Delivery {
    final Histogram hist = histogram();
    long seq;
    long measureFrom = Long.MAX_VALUE;
    long measured;

    void receive(JsonNode msg, long receivedAt) {
      if (msg.path("s").asLong() >= measureFrom) {
        measured++;
        hist.recordValue(Math.min(MAX_LATENCY_US, (receivedAt - msg.path("t").asLong()) / 1000));
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  private ObjectNode payload() {
    return PayloadMapper.get().createObjectNode().put("p", padding);
  }

  private static Histogram histogram() {
    return new Histogram(MAX_LATENCY_US, 3);
  }

  private void latency(Histogram h) {
    result.put("samples", h.getTotalCount());
    if (h.getTotalCount() > 0) {
      result.put("p50Ms", h.getValueAtPercentile(50) / 1000.0).put("p99Ms", h.getValueAtPercentile(99) / 1000.0)
          .put("p999Ms", h.getValueAtPercentile(99.9) / 1000.0).put("maxMs", h.getMaxValue() / 1000.0);
    }
  }

  /**
   * The server's CPU over {@code count} operations: {@code cpu<per>} (user + system), {@code cpuUser<per>} and
   * {@code cpuSys<per>}, with {@code per} {@code MsPerConnect} or {@code SPer1kMsgs}: ms per operation and s per
   * 1k operations are the same number.
   */
  private void cpu(ProcStat.Cpu used, long count, String per) {
    serverCpu(used);
    if (count > 0 && !Double.isNaN(used.totalS())) {
      result.put("cpu" + per, round(used.totalS() * 1000 / count))
          .put("cpuUser" + per, round(used.userS() * 1000 / count))
          .put("cpuSys" + per, round(used.systemS() * 1000 / count));
    }
  }

  private void serverCpu(ProcStat.Cpu used) {
    result.put("serverCpuS", round(used.totalS())).put("serverCpuUserS", round(used.userS()))
        .put("serverCpuSysS", round(used.systemS()));
  }

  private ProcStat.Cpu cpu() {
    return ProcStat.cpu(serverPid);
  }

  private static double round(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return v;
    }
    double scale = Math.abs(v) >= 100 ? 10 : Math.abs(v) >= 1 ? 1000 : 1_000_000;
    return Math.round(v * scale) / scale;
  }

  private static void requireAll(int wanted, int got, String what) {
    if (got < wanted) {
      throw new IllegalStateException("only " + got + " of " + wanted + " " + what);
    }
  }

  private static void sleep(double seconds) throws InterruptedException {
    Thread.sleep((long) (seconds * 1000));
  }

  private <T> T onLoop(Callable<T> task) throws Exception {
    return loop.submit(task).get(60, TimeUnit.SECONDS);
  }

  private void gc(Client control) throws Exception {
    call(control, "gc").get(60, TimeUnit.SECONDS);
    sleep(args.doubleValue("--settle", 1));
  }

  private CompletableFuture<JsonNode> call(Client c, Object... eventAndArgs) throws Exception {
    CompletableFuture<JsonNode> f = new CompletableFuture<>();
    onLoop(() -> {
      long id = c.emit(true, eventAndArgs);
      hub.calls.put(key(c, id), f);
      return null;
    });
    return f;
  }

  private void join(List<Client> clients, java.util.function.Function<Client, String> roomOf) throws Exception {
    List<CompletableFuture<JsonNode>> joins = new ArrayList<>(clients.size());
    for (int i = 0; i < clients.size(); i++) {
      Client c = clients.get(i);
      c.room = i;
      joins.add(call(c, "join", roomOf.apply(c)));
    }
    CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
  }

  private static long key(Client c, long id) {
    return ((long) c.index << 32) | id;
  }

  /** Opens n connections, at most {@code --concurrency} at a time; returns those that connected. */
  private List<Client> open(int n, String namespace, IntFunction<Object> auth) throws Exception {
    CompletableFuture<List<Client>> done = new CompletableFuture<>();
    loop.execute(() -> hub.start(n, namespace, auth, done));
    List<Client> clients = done.get(Math.max(60, n / 50), TimeUnit.SECONDS);
    System.err.printf("[%s %s] %d/%d connected%n", label, scenario, clients.size(), n);
    return clients;
  }

  interface AckHandler {
    void ack(Client c, long id, JsonNode data);
  }

  interface EventHandler {
    void event(Client c, String name, JsonNode data);
  }

  /** Receives every client's callbacks on the event loop and paces the opening of connections. */
  private final class Hub implements Client.Listener {
    final Map<Long, CompletableFuture<JsonNode>> calls = new HashMap<>();
    final Histogram connectLatency = histogram();
    AckHandler onAck = (c, id, data) -> { };
    EventHandler onEvent = (c, name, data) -> { };
    long lastConnectAt;
    private int nextIndex;
    private int target;
    private int started;
    private int settled;
    private String namespace;
    private IntFunction<Object> auth;
    private List<Client> opened;
    private CompletableFuture<List<Client>> done;
    private String firstFailure;

    void start(int n, String nsp, IntFunction<Object> authOf, CompletableFuture<List<Client>> whenDone) {
      target = n;
      started = 0;
      settled = 0;
      namespace = nsp;
      auth = authOf;
      opened = new ArrayList<>(n);
      done = whenDone;
      connectLatency.reset();
      pump();
    }

    private void pump() {
      while (started < target && started - settled < concurrency) {
        int i = started++;
        Client c = new Client(nextIndex++, namespace, auth.apply(i), this);
        c.started = System.nanoTime();
        InetSocketAddress local = new InetSocketAddress("127.0.0." + (2 + c.index % sources), 0);
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(c.readStamp(), new HttpClientCodec(), new HttpObjectAggregator(65536),
                new WebSocketClientProtocolHandler(wsConfig), c);
          }
        }).connect(new InetSocketAddress(host, port), local).addListener(f -> {
          if (!f.isSuccess()) {
            c.connectFailed(f.cause());
          }
        });
      }
    }

    private void settle() {
      settled++;
      if (settled == target && done != null) {
        CompletableFuture<List<Client>> d = done;
        done = null;
        if (opened.isEmpty() && firstFailure != null) {
          d.completeExceptionally(new IllegalStateException("no connection succeeded: " + firstFailure));
        } else {
          d.complete(opened);
        }
      } else {
        pump();
      }
    }

    @Override
    public void connected(Client client) {
      long now = System.nanoTime();
      lastConnectAt = now;
      connectLatency.recordValue(Math.min(MAX_LATENCY_US, (now - client.started) / 1000));
      opened.add(client);
      settle();
    }

    @Override
    public void failed(Client client, String reason) {
      if (firstFailure == null) {
        firstFailure = reason;
        System.err.println("[" + label + " " + scenario + "] connection failed: " + reason);
      }
      settle();
    }

    @Override
    public void event(Client client, String name, JsonNode args) {
      onEvent.event(client, name, args);
    }

    @Override
    public void ack(Client client, long id, JsonNode args) {
      CompletableFuture<JsonNode> f = calls.remove(key(client, id));
      if (f != null) {
        f.complete(args);
      } else {
        onAck.ack(client, id, args);
      }
    }
  }
}
