package io.herald.redis;

import static org.awaitility.Awaitility.await;

import io.herald.core.adapter.Adapter;
import io.herald.core.adapter.AdapterContract;
import io.herald.core.adapter.RecordingHost;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The adapter contract for {@link RedisAdapter}: each node has its own {@link RedisCluster} on one Redis. */
class RedisAdapterContractTest extends AdapterContract {
  private static EmbeddedRedis redis;
  private final String key = "contract-" + Uids.next();
  private final List<RedisCluster> clusters = new ArrayList<>();

  @BeforeAll
  static void startRedis() {
    redis = EmbeddedRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void closeClusters() {
    clusters.forEach(RedisCluster::close);
  }

  @Override
  protected Adapter newAdapter(RecordingHost host) {
    RedisCluster cluster = RedisCluster.create(vertx, RedisClusterOptions.of(redis.url()).withKey(key));
    clusters.add(cluster);
    return cluster.adapterFactory().create(host);
  }

  @Override
  protected boolean clustered() {
    return true;
  }

  @Override
  protected void awaitCluster(List<Adapter> adapters) {
    await().atMost(WAIT).until(() -> clusters.stream().allMatch(RedisCluster::isUp));
    for (Adapter adapter : adapters) {
      await().atMost(WAIT).until(() -> adapter.serverCount().get(5, TimeUnit.SECONDS) == adapters.size());
    }
  }
}
