package io.herald.server.feature;

import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * What features add to {@code GET /health}: connections they hold besides Socket.IO's (counted in
 * {@code details.websocket.connectedClients}) and sections of {@code details} of their own.
 */
public final class HealthDetails {
  private final Map<String, IntSupplier> connections = new ConcurrentSkipListMap<>();
  private final Map<String, Supplier<JsonObject>> details = new ConcurrentSkipListMap<>();

  /** Open connections of an endpoint of the feature's own, such as {@code apiWs}. */
  public void connections(String endpoint, IntSupplier count) {
    put(connections, endpoint, count);
  }

  /** A section {@code details.<name>}, computed for each request. */
  public void detail(String name, Supplier<JsonObject> section) {
    put(details, name, section);
  }

  /** Every endpoint's open connections, by endpoint. */
  public JsonObject connections() {
    JsonObject json = new JsonObject();
    connections.forEach((name, count) -> json.put(name, count.getAsInt()));
    return json;
  }

  /** Adds every section to {@code target}. */
  public JsonObject addDetailsTo(JsonObject target) {
    details.forEach((name, section) -> target.put(name, section.get()));
    return target;
  }

  private static <T> void put(Map<String, T> map, String name, T value) {
    Objects.requireNonNull(value, name);
    if (map.putIfAbsent(name, value) != null) {
      throw new IllegalStateException("health detail " + name + " is added twice");
    }
  }
}
