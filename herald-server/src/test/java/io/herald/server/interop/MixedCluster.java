package io.herald.server.interop;

import static org.awaitility.Awaitility.await;

import io.herald.redis.RedisClusterOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * A mixed cluster for one test class: an embedded Redis, a Herald node ({@link MixedHeraldNode}) and a Node.js
 * socket.io server with {@code @socket.io/redis-adapter} ({@link NodeClusterServer}) on it, both with the default
 * key {@code socket.io}. Register it as a static {@code @RegisterExtension} field.
 *
 * <p>Everything published on Redis is recorded; when a test fails, what was published during that test is added
 * to the failure message, so that an incompatibility shows the bytes each side put on the wire. Clients opened
 * with {@link #heraldClient}/{@link #nodeClient} are closed after each test.
 */
final class MixedCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
    TestExecutionExceptionHandler {

  /** How long requests to the other nodes wait on either side. */
  static final Duration REQUESTS_TIMEOUT = Duration.ofSeconds(3);

  private final String key;
  private final boolean specificResponseChannel;
  private MixedRedis redis;
  private MixedRedisMonitor monitor;
  private MixedHeraldNode herald;
  private NodeClusterServer node;
  private int mark;
  private final List<AutoCloseable> perTest = new ArrayList<>();

  /** Both nodes with the defaults of the Node adapter: key {@code socket.io}, answers on the shared channel. */
  MixedCluster() {
    this(RedisClusterOptions.DEFAULT_KEY, false);
  }

  /** Both nodes with channel prefix {@code key} and, if asked, {@code publishOnSpecificResponseChannel}. */
  MixedCluster(String key, boolean specificResponseChannel) {
    this.key = key;
    this.specificResponseChannel = specificResponseChannel;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    redis = MixedRedis.start();
    monitor = MixedRedisMonitor.start(redis.port());
    herald = MixedHeraldNode.start(RedisClusterOptions.of(redis.url())
        .withKey(key)
        .withPublishOnSpecificResponseChannel(specificResponseChannel)
        .withRequestsTimeout(REQUESTS_TIMEOUT));
    node = NodeClusterServer.start(redis.url(), key, specificResponseChannel);
    await("both nodes count two servers on " + redis.url())
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> node.call(NodeClusterServer.command("serverCount")).getInteger("count") == 2
            && get(herald.of("/").adapter().serverCount()) == 2);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    mark = monitor.mark();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (AutoCloseable closeable : perTest.reversed()) {
      closeable.close();
    }
    perTest.clear();
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
    AssertionError withWire = new AssertionError(failure.getMessage() + "\n" + wire(), failure);
    System.out.println("[mixed cluster] " + context.getDisplayName() + " failed\n" + wire());
    throw withWire;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    for (AutoCloseable closeable : new AutoCloseable[] {node, herald, monitor, redis}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // closing the rest anyway
        }
      }
    }
  }

  MixedHeraldNode herald() {
    return herald;
  }

  NodeClusterServer node() {
    return node;
  }

  String redisUrl() {
    return redis.url();
  }

  /** The channel prefix both nodes use. */
  String key() {
    return key;
  }

  MixedRedisMonitor monitor() {
    return monitor;
  }

  /** What was published on Redis since the current test started. */
  String wire() {
    return monitor.transcript(mark);
  }

  /** A client of the Herald node, closed after the test. */
  MixedClient heraldClient(String namespace, String name, String... rooms) {
    return closeAfterTest(MixedClient.connect(herald.url(namespace), name, rooms));
  }

  /** A client of the Node.js server, closed after the test. */
  MixedClient nodeClient(String namespace, String name, String... rooms) {
    return closeAfterTest(MixedClient.connect(node.url(namespace), name, rooms));
  }

  <T extends AutoCloseable> T closeAfterTest(T closeable) {
    perTest.add(closeable);
    return closeable;
  }

  /** The value of a Herald future, waiting at most 15 s. */
  static <T> T get(CompletableFuture<T> future) {
    try {
      return future.get(15, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("Herald future failed or timed out: " + e, e);
    }
  }
}
