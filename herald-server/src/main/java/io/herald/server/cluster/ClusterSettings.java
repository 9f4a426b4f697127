package io.herald.server.cluster;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a gateway joins a cluster, from the environment:
 *
 * <ul>
 *   <li>{@code HERALD_REDIS_URL} ({@code redis://host:6379}, {@code rediss://…}, {@code redis://:password@host/0}):
 *       set, the gateway uses the Redis adapter, shared presence and shared rate limits; unset, it runs alone.
 *   <li>{@code HERALD_REDIS_KEY}: the prefix of every channel and key, {@code socket.io} by default (the Node
 *       adapter's default, so Node servers and emitters with the same prefix share the cluster).
 *   <li>{@code HERALD_PRESENCE_TTL}: how long a node that stops refreshing (a crash) keeps its users online,
 *       {@code 30s} by default; {@code 2s}, {@code 500ms} or ISO-8601 ({@code PT30S}).
 * </ul>
 *
 * @param redisUrl the Redis connection string
 * @param keyPrefix the prefix of every channel and key
 * @param presenceTtl the bound on how long a crashed node's users stay online
 */
public record ClusterSettings(String redisUrl, String keyPrefix, Duration presenceTtl) {
  public static final String DEFAULT_KEY_PREFIX = "socket.io";
  public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(30);
  static final Duration MIN_PRESENCE_TTL = Duration.ofMillis(300);

  public ClusterSettings {
    Objects.requireNonNull(redisUrl, "redisUrl");
    if (!redisUrl.startsWith("redis://") && !redisUrl.startsWith("rediss://") && !redisUrl.startsWith("unix://")) {
      throw new IllegalArgumentException("HERALD_REDIS_URL: " + redact(redisUrl)
          + " (expected: redis://host:port, rediss://host:port or unix://path)");
    }
    if (keyPrefix == null || keyPrefix.isBlank()) {
      throw new IllegalArgumentException("HERALD_REDIS_KEY: empty (expected: a prefix such as socket.io)");
    }
    if (presenceTtl.compareTo(MIN_PRESENCE_TTL) < 0) {
      throw new IllegalArgumentException("HERALD_PRESENCE_TTL: " + presenceTtl + " (expected: >= "
          + MIN_PRESENCE_TTL.toMillis() + " ms)");
    }
  }

  /** The settings when {@code HERALD_REDIS_URL} is set, empty otherwise. */
  public static Optional<ClusterSettings> fromEnv(Map<String, String> env) {
    String url = env.get("HERALD_REDIS_URL");
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String prefix = env.getOrDefault("HERALD_REDIS_KEY", DEFAULT_KEY_PREFIX);
    String ttl = env.get("HERALD_PRESENCE_TTL");
    return Optional.of(new ClusterSettings(url.strip(), prefix.strip(),
        ttl == null || ttl.isBlank() ? DEFAULT_PRESENCE_TTL : duration(ttl.strip())));
  }

  /** The key of one of Herald's own structures, such as {@code socket.io-herald:presence:nodes}. */
  public String key(String name) {
    return keyPrefix + "-herald:" + name;
  }

  @Override
  public String toString() {
    return "ClusterSettings{" + redact(redisUrl) + ", key " + keyPrefix + ", presence TTL " + presenceTtl + "}";
  }

  /** The URL without its password, for logs and messages. */
  static String redact(String url) {
    return url.replaceAll("//([^/@]*):[^/@]*@", "//$1:***@");
  }

  private static Duration duration(String text) {
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      if (text.endsWith("s") && !text.startsWith("P")) {
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      if (text.endsWith("m") && !text.startsWith("P")) {
        return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      return Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException("HERALD_PRESENCE_TTL: " + text + " (expected: such as 30s, 500ms or PT30S)");
    }
  }
}
