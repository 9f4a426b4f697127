package io.herald.core.engineio;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** Settings of the Engine.IO layer. Build with {@link #builder()}; every setting has a safe default. */
public final class EngineOptions {
  /** The transports a client may use. */
  public enum TransportName {
    POLLING("polling"), WEBSOCKET("websocket");

    private final String wireName;

    TransportName(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    static TransportName ofWireName(String name) {
      for (TransportName t : values()) {
        if (t.wireName.equals(name)) {
          return t;
        }
      }
      return null;
    }
  }

  private final Duration pingInterval;
  private final Duration pingTimeout;
  private final Duration upgradeTimeout;
  private final int maxPayload;
  private final int maxPacketsPerPayload;
  private final int maxBufferedBytes;
  private final int maxConnectionsPerIp;
  private final int handshakesPerIpPerSecond;
  private final Set<TransportName> transports;
  private final boolean allowUpgrades;
  private final CorsPolicy cors;
  private final RequestGate requestGate;

  private EngineOptions(Builder b) {
    this.pingInterval = b.pingInterval;
    this.pingTimeout = b.pingTimeout;
    this.upgradeTimeout = b.upgradeTimeout;
    this.maxPayload = b.maxPayload;
    this.maxPacketsPerPayload = b.maxPacketsPerPayload;
    this.maxBufferedBytes = b.maxBufferedBytes;
    this.maxConnectionsPerIp = b.maxConnectionsPerIp;
    this.handshakesPerIpPerSecond = b.handshakesPerIpPerSecond;
    this.transports = Set.copyOf(b.transports);
    this.allowUpgrades = b.allowUpgrades;
    this.cors = b.cors;
    this.requestGate = b.requestGate;
  }

  public static Builder builder() {
    return new Builder();
  }

  public static EngineOptions defaults() {
    return builder().build();
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  public Duration pingTimeout() {
    return pingTimeout;
  }

  public Duration upgradeTimeout() {
    return upgradeTimeout;
  }

  /** The largest message or polling body a client may send, in bytes. */
  public int maxPayload() {
    return maxPayload;
  }

  public int maxPacketsPerPayload() {
    return maxPacketsPerPayload;
  }

  /** How many bytes may wait to be written to one connection before it is closed as a slow consumer. */
  public int maxBufferedBytes() {
    return maxBufferedBytes;
  }

  /** How many sessions may be open at once from one client address (IPv6: one /64); 0 for no limit. */
  public int maxConnectionsPerIp() {
    return maxConnectionsPerIp;
  }

  /** How many handshakes one client address (IPv6: one /64) may start per second, in bursts of as many; 0 for no limit. */
  public int handshakesPerIpPerSecond() {
    return handshakesPerIpPerSecond;
  }

  public Set<TransportName> transports() {
    return transports;
  }

  public boolean allowUpgrades() {
    return allowUpgrades;
  }

  /** The CORS policy for polling requests, or {@code null} to send no CORS headers. */
  public CorsPolicy cors() {
    return cors;
  }

  public RequestGate requestGate() {
    return requestGate;
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.pingInterval = pingInterval;
    b.pingTimeout = pingTimeout;
    b.upgradeTimeout = upgradeTimeout;
    b.maxPayload = maxPayload;
    b.maxPacketsPerPayload = maxPacketsPerPayload;
    b.maxBufferedBytes = maxBufferedBytes;
    b.maxConnectionsPerIp = maxConnectionsPerIp;
    b.handshakesPerIpPerSecond = handshakesPerIpPerSecond;
    b.transports = EnumSet.copyOf(transports);
    b.allowUpgrades = allowUpgrades;
    b.cors = cors;
    b.requestGate = requestGate;
    return b;
  }

  /** Builds {@link EngineOptions}. */
  public static final class Builder {
    private Duration pingInterval = Duration.ofSeconds(25);
    private Duration pingTimeout = Duration.ofSeconds(20);
    private Duration upgradeTimeout = Duration.ofSeconds(10);
    private int maxPayload = 1_000_000;
    private int maxPacketsPerPayload = 1_000;
    private int maxBufferedBytes = 4 * 1024 * 1024;
    private int maxConnectionsPerIp = 1_000;
    private int handshakesPerIpPerSecond = 100;
    private Set<TransportName> transports = EnumSet.allOf(TransportName.class);
    private boolean allowUpgrades = true;
    private CorsPolicy cors;
    private RequestGate requestGate = RequestGate.ALLOW_ALL;

    private Builder() {}

    public Builder pingInterval(Duration value) {
      this.pingInterval = positive("pingInterval", value);
      return this;
    }

    public Builder pingTimeout(Duration value) {
      this.pingTimeout = positive("pingTimeout", value);
      return this;
    }

    public Builder upgradeTimeout(Duration value) {
      this.upgradeTimeout = positive("upgradeTimeout", value);
      return this;
    }

    public Builder maxPayload(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxPayload: " + bytes + " (expected: > 0)");
      }
      this.maxPayload = bytes;
      return this;
    }

    public Builder maxPacketsPerPayload(int count) {
      if (count <= 0) {
        throw new IllegalArgumentException("maxPacketsPerPayload: " + count + " (expected: > 0)");
      }
      this.maxPacketsPerPayload = count;
      return this;
    }

    public Builder maxBufferedBytes(int bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBufferedBytes: " + bytes + " (expected: > 0)");
      }
      this.maxBufferedBytes = bytes;
      return this;
    }

    /** How many sessions may be open at once from one address; 1,000 by default, 0 for no limit. */
    public Builder maxConnectionsPerIp(int count) {
      this.maxConnectionsPerIp = notNegative("maxConnectionsPerIp", count);
      return this;
    }

    /** How many handshakes one address may start per second; 100 by default, 0 for no limit. */
    public Builder handshakesPerIpPerSecond(int count) {
      this.handshakesPerIpPerSecond = notNegative("handshakesPerIpPerSecond", count);
      return this;
    }

    public Builder transports(Set<TransportName> value) {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("transports: [] (expected: at least one)");
      }
      this.transports = EnumSet.copyOf(value);
      return this;
    }

    public Builder allowUpgrades(boolean value) {
      this.allowUpgrades = value;
      return this;
    }

    public Builder cors(CorsPolicy value) {
      this.cors = value;
      return this;
    }

    public Builder requestGate(RequestGate value) {
      this.requestGate = Objects.requireNonNull(value, "requestGate");
      return this;
    }

    public EngineOptions build() {
      return new EngineOptions(this);
    }

    private static int notNegative(String name, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: >= 0, 0 for no limit)");
      }
      return value;
    }

    private static Duration positive(String name, Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
      }
      return value;
    }
  }
}
