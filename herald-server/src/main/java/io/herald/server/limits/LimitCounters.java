package io.herald.server.limits;

import io.herald.core.server.ServerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what the Socket.IO server does to misbehaving clients, by limit: refused handshakes, slow consumers, dropped
 * events, refused namespaces and rooms. One small class so that a metrics exporter can read it.
 */
public final class LimitCounters implements ServerListener {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  /** Counts kept here only. */
  public LimitCounters() {
    this(null);
  }

  /** Counts kept here and in {@code registry} as {@code herald_limit_events_total{kind}}. */
  public LimitCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void connectionRefused(String limit) {
    add(limit);
  }

  @Override
  public void slowConsumerDisconnected() {
    add("slowConsumerDisconnected");
  }

  @Override
  public void rateLimited() {
    add("eventsRateLimited");
  }

  @Override
  public void limitExceeded(String limit) {
    add(limit);
  }

  /** How many times {@code name} (a limit, {@code slowConsumerDisconnected} or {@code eventsRateLimited}) happened. */
  public long get(String name) {
    LongAdder count = counts.get(name);
    return count == null ? 0 : count.sum();
  }

  /** Every count, by name, in name order. */
  public JsonObject toJson() {
    JsonObject json = new JsonObject();
    new TreeMap<>(counts).forEach((name, count) -> json.put(name, count.sum()));
    return json;
  }

  private void add(String name) {
    counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    if (registry != null) {
      registry.counter("herald.limit.events", "kind", name).increment();
    }
  }
}
