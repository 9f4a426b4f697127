package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.server.cluster.ClusterSettings;
import io.herald.server.cluster.HeraldRedis;
import io.herald.server.cluster.TestCluster;
import io.herald.server.cluster.TestRedis;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Rate limits kept in Redis hold across nodes, and fall back to each node's own count while Redis is away. */
class RedisRateLimiterTest {
  @Test
  void theLoginLimitPerAccountHoldsForAttemptsSpreadOverTwoNodes() {
    try (TestCluster cluster = TestCluster.start(2, Map.of("HERALD_RATE_LOGIN_PER_ACCOUNT", "5/1m"))) {
      cluster.node(0).register("target@example.com", "the real password");
      await().atMost(Duration.ofSeconds(15)).until(() -> cluster.node(0).health().getJsonObject("details")
          .getJsonObject("redis").getString("status").equals("up"));

      List<Integer> statuses = new ArrayList<>();
      for (int attempt = 0; attempt < 7; attempt++) {
        statuses.add(cluster.node(attempt % 2).login("target@example.com", "a wrong guess"));
      }

      assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
    }
  }

  @Test
  void countsOnThisNodeAloneWhileRedisIsUnreachable() throws Exception {
    Vertx vertx = Vertx.vertx();
    ClusterSettings settings = new ClusterSettings("redis://127.0.0.1:" + unusedPort(), "rate-test", Duration.ofSeconds(30));
    HeraldRedis redis = HeraldRedis.create(vertx, settings);
    try {
      RedisRateLimiter limiter = new RedisRateLimiter("test", RateLimit.parse("3/1m"), redis, 100, Clock.systemUTC());

      assertThat(List.of(limiter.tryAcquire("k"), limiter.tryAcquire("k"), limiter.tryAcquire("k"),
          limiter.tryAcquire("k"))).containsExactly(true, true, true, false);
      assertThat(limiter.retryAfter("k")).isGreaterThan(Duration.ofSeconds(10));
      assertThat(limiter.tryAcquire("other")).isTrue();
    } finally {
      redis.close();
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void learnsFromRedisWhatAnotherNodeTook() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (TestRedis server = TestRedis.start()) {
      ClusterSettings settings = new ClusterSettings(server.url(), "rate-test", Duration.ofSeconds(30));
      HeraldRedis first = HeraldRedis.create(vertx, settings);
      HeraldRedis second = HeraldRedis.create(vertx, settings);
      await().atMost(Duration.ofSeconds(10)).until(() -> first.isUp() && second.isUp());
      RateLimit limit = RateLimit.parse("2/1m");
      RedisRateLimiter onFirst = new RedisRateLimiter("shared", limit, first, 100, Clock.systemUTC());
      RedisRateLimiter onSecond = new RedisRateLimiter("shared", limit, second, 100, Clock.systemUTC());

      assertThat(onFirst.tryAcquire("k")).isTrue();
      assertThat(onFirst.tryAcquire("k")).isTrue();
      await().atMost(Duration.ofSeconds(5)).until(() -> onSecond.retryAfter("k").compareTo(Duration.ZERO) > 0);

      assertThat(onSecond.tryAcquire("k")).isFalse();
      assertThat(onSecond.retryAfter("k")).isGreaterThan(Duration.ofSeconds(20));
      first.close();
      second.close();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static int unusedPort() throws Exception {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
