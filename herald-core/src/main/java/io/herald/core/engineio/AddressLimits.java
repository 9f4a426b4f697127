package io.herald.core.engineio;

import io.herald.core.internal.TokenBucket;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The per-address limits on new sessions: how many may be open at once ({@code maxConnectionsPerIp}) and how many
 * handshakes may start each second ({@code handshakesPerIpPerSecond}, a token bucket). IPv6 clients are counted by
 * their /64 prefix, one client's usual share. Shared by every event loop, so thread-safe.
 */
final class AddressLimits {
  static final String MAX_CONNECTIONS_PER_IP = "maxConnectionsPerIp";
  static final String HANDSHAKES_PER_IP_PER_SECOND = "handshakesPerIpPerSecond";
  /** How many addresses the handshake buckets track before idle ones are dropped. */
  private static final int MAX_TRACKED = 100_000;

  private final int maxConnections;
  private final int handshakesPerSecond;
  private final Map<String, AtomicInteger> open = new ConcurrentHashMap<>();
  private final Map<String, TokenBucket> handshakes = new ConcurrentHashMap<>();

  AddressLimits(int maxConnections, int handshakesPerSecond) {
    this.maxConnections = maxConnections;
    this.handshakesPerSecond = handshakesPerSecond;
  }

  /**
   * Reserves a connection slot for a new session from {@code key}.
   *
   * @return {@code null} when the handshake may go on (call {@link #release} when its session ends or the
   *     handshake fails), or the name of the limit that refuses it
   */
  String tryAcquire(String key) {
    if (handshakesPerSecond > 0 && !bucket(key).tryTake(System.nanoTime())) {
      return HANDSHAKES_PER_IP_PER_SECOND;
    }
    if (maxConnections <= 0) {
      open.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return null;
    }
    boolean[] refused = new boolean[1];
    open.compute(key, (k, count) -> {
      AtomicInteger c = count != null ? count : new AtomicInteger();
      if (c.get() >= maxConnections) {
        refused[0] = true;
      } else {
        c.incrementAndGet();
      }
      return c.get() == 0 ? null : c;
    });
    return refused[0] ? MAX_CONNECTIONS_PER_IP : null;
  }

  /** Gives back the slot of a session that ended or of a handshake that failed. */
  void release(String key) {
    open.computeIfPresent(key, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
  }

  /** How many sessions are open from the address of {@code key}. */
  int openCount(String key) {
    AtomicInteger count = open.get(key);
    return count == null ? 0 : count.get();
  }

  private TokenBucket bucket(String key) {
    long now = System.nanoTime();
    if (handshakes.size() >= MAX_TRACKED) {
      handshakes.values().removeIf(bucket -> bucket.isFull(now));
    }
    return handshakes.computeIfAbsent(key, k -> new TokenBucket(handshakesPerSecond, handshakesPerSecond, now));
  }

  /** The key of a client address: IPv4 as it is, IPv6 by its /64 prefix. */
  static String key(String address) {
    if (address == null || address.isEmpty()) {
      return "unknown";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress(); // a literal: parsed, never looked up
      if (bytes.length == 4) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }
}
