package io.herald.redis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RedisCluster} reaches Redis and names its channels.
 *
 * @param url the Redis URL, such as {@code redis://127.0.0.1:6379} or {@code redis://:secret@host:6379/0}
 * @param key the prefix of every channel, {@code socket.io} by default (the Node adapter's {@code key})
 * @param requestsTimeout how long a request to the other nodes waits for their answers, 5 s by default
 * @param publishOnSpecificResponseChannel answer a request on the requesting node's own response channel
 *     ({@code <key>-response#<nsp>#<uid>#}) instead of the shared one; every node of the cluster must agree
 */
public record RedisClusterOptions(String url, String key, Duration requestsTimeout,
    boolean publishOnSpecificResponseChannel) {
  public static final String DEFAULT_KEY = "socket.io";
  public static final Duration DEFAULT_REQUESTS_TIMEOUT = Duration.ofSeconds(5);

  public RedisClusterOptions {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requestsTimeout, "requestsTimeout");
    if (!url.startsWith("redis://") && !url.startsWith("rediss://") && !url.startsWith("unix://")) {
      throw new IllegalArgumentException("url: " + url + " (expected: redis://, rediss:// or unix://)");
    }
    if (key.isEmpty()) {
      throw new IllegalArgumentException("key: \"\" (expected: a non-empty prefix)");
    }
    if (requestsTimeout.isNegative() || requestsTimeout.isZero()) {
      throw new IllegalArgumentException("requestsTimeout: " + requestsTimeout + " (expected: > 0)");
    }
  }

  /** The defaults for a Redis at {@code url}. */
  public static RedisClusterOptions of(String url) {
    return new RedisClusterOptions(url, DEFAULT_KEY, DEFAULT_REQUESTS_TIMEOUT, false);
  }

  public RedisClusterOptions withKey(String value) {
    return new RedisClusterOptions(url, value, requestsTimeout, publishOnSpecificResponseChannel);
  }

  public RedisClusterOptions withRequestsTimeout(Duration value) {
    return new RedisClusterOptions(url, key, value, publishOnSpecificResponseChannel);
  }

  public RedisClusterOptions withPublishOnSpecificResponseChannel(boolean value) {
    return new RedisClusterOptions(url, key, requestsTimeout, value);
  }
}
