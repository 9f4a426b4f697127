package io.herald.server.cluster;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateways that behave as one: a real Redis ({@link TestRedis}), one database ({@link SharedDatabase}) and the same
 * JWT secret, with {@code nodes} full gateways started in this JVM, each on its own port.
 */
public final class TestCluster implements AutoCloseable {
  private final TestRedis redis;
  private final SharedDatabase database;
  private final Map<String, String> env;
  private final List<ClusterNode> nodes = new ArrayList<>();

  private TestCluster(TestRedis redis, SharedDatabase database, Map<String, String> env) {
    this.redis = redis;
    this.database = database;
    this.env = env;
  }

  /** Starts Redis, the database and {@code count} nodes, with {@code extraEnv} on every node. */
  public static TestCluster start(int count, Map<String, String> extraEnv) {
    TestRedis redis = TestRedis.start();
    SharedDatabase database = SharedDatabase.start();
    byte[] secret = new byte[48];
    new SecureRandom().nextBytes(secret);
    Map<String, String> env = new HashMap<>(database.env());
    env.put("HERALD_REDIS_URL", redis.url());
    env.put("HERALD_REDIS_KEY", "herald-test");
    env.put("HERALD_JWT_SECRET", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    env.putAll(extraEnv);
    TestCluster cluster = new TestCluster(redis, database, env);
    try {
      for (int i = 0; i < count; i++) {
        cluster.nodes.add(ClusterNode.start(env));
      }
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public ClusterNode node(int index) {
    return nodes.get(index);
  }

  public TestRedis redis() {
    return redis;
  }

  /** The settings every node shares. */
  public Map<String, String> env() {
    return env;
  }

  @Override
  public void close() {
    for (ClusterNode node : nodes) {
      try {
        node.close();
      } catch (IOException | RuntimeException e) {
        // the others still close
      }
    }
    database.close();
    redis.close();
  }
}
