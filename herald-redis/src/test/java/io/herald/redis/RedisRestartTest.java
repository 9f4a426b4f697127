package io.herald.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Redis stops and starts again on the same port while two servers keep broadcasting. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisRestartTest {
  private final EmbeddedRedis redis = EmbeddedRedis.start();
  private ClusterNode first;
  private ClusterNode second;
  private TestClient here;
  private TestClient there;

  @AfterEach
  void stop() throws Exception {
    for (TestClient client : new TestClient[] {here, there}) {
      if (client != null) {
        client.close();
      }
    }
    for (ClusterNode node : new ClusterNode[] {first, second}) {
      if (node != null) {
        node.close();
      }
    }
    redis.close();
  }

  @Test
  void localDeliveryGoesOnWhileRedisIsDownAndTheClusterComesBackAfterItRestarts() throws Exception {
    String key = "restart-" + Uids.next();
    first = ClusterNode.start(redis.url(), key, io -> { });
    second = ClusterNode.start(redis.url(), key, io -> { });
    ClusterNode.awaitCluster(List.of(first, second), "/");
    here = TestClient.connect(first.url("/"), Map.of());
    there = TestClient.connect(second.url("/"), Map.of());

    first.io.of("/").emit("before");
    assertThat(there.next("before")).isNotNull();
    assertThat(here.next("before")).isNotNull();

    redis.stop();
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.redis.isUp() && !second.redis.isUp());
    assertThat(first.redis.lastError()).isNotNull();
    first.io.of("/").emit("during");
    assertThat(here.next("during")).isNotNull();
    assertThat(first.io.of("/").adapter().serverCount().get(5, TimeUnit.SECONDS)).isEqualTo(1);

    redis.restart();
    await().atMost(Duration.ofSeconds(20)).until(() -> first.redis.isUp() && second.redis.isUp());
    ClusterNode.awaitCluster(List.of(first, second), "/");
    first.io.of("/").emit("after");
    assertThat(there.next("after")).isNotNull();
    assertThat(here.next("after")).isNotNull();
    assertThat(there.received()).containsExactly("before", "after");
  }
}
