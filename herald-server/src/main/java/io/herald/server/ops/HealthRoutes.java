package io.herald.server.ops;

import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.herald.server.cluster.GatewayCluster;
import io.herald.server.feature.HealthDetails;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/**
 * {@code GET /health}: whether the gateway serves, with its WebSocket figures ({@code connectedClients} counts every
 * open connection: Socket.IO's and the features' own endpoints such as {@code /api/ws}, broken down in
 * {@code connections}), what the features add ({@link HealthDetails}) and {@code details.redis
 * {status: "up" | "down" | "disabled", error?}}. While Redis is down the gateway still serves its own sockets, so
 * the answer stays 200 with {@code status: "degraded"}.
 */
public final class HealthRoutes {
  private final SocketServer io;
  private final GatewayCluster cluster;
  private final HealthDetails features;

  /**
   * @param cluster the gateway's Redis, {@code null} when it runs alone
   * @param features what the features add: their own connections and sections of {@code details}
   */
  public HealthRoutes(SocketServer io, GatewayCluster cluster, HealthDetails features) {
    this.io = io;
    this.cluster = cluster;
    this.features = features;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
    router.get("/health/live").handler(ctx -> ctx.response().putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", "ok").encode()));
    router.get("/health/ready").handler(this::ready);
  }

  /** Ready unless Redis, which a cluster node needs to serve as one gateway, is down (503 then). */
  private void ready(RoutingContext ctx) {
    JsonObject redis = redis();
    boolean ready = !"down".equals(redis.getString("status"));
    ctx.response().setStatusCode(ready ? 200 : 503).putHeader("content-type", "application/json")
        .end(new JsonObject().put("status", ready ? "ready" : "unavailable").put("redis", redis).encode());
  }

  private void health(RoutingContext ctx) {
    JsonObject endpoints = features.connections();
    int connected = io.clientsCount();
    for (String endpoint : endpoints.fieldNames()) {
      connected += endpoints.getInteger(endpoint);
    }
    JsonObject websocket = new JsonObject()
        .put("status", "healthy")
        .put("connectedClients", connected)
        .put("activeRooms", activeRooms())
        .put("connections", endpoints.put("socketIo", io.clientsCount()));
    JsonObject redis = redis();
    JsonObject body = new JsonObject()
        .put("status", "down".equals(redis.getString("status")) ? "degraded" : "ok")
        .put("timestamp", Instant.now().toString())
        .put("details", details(websocket, redis));
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
  }

  private JsonObject details(JsonObject websocket, JsonObject redis) {
    return features.addDetailsTo(new JsonObject().put("websocket", websocket).put("redis", redis));
  }

  private JsonObject redis() {
    if (cluster == null) {
      return new JsonObject().put("status", "disabled");
    }
    if (cluster.isUp()) {
      return new JsonObject().put("status", "up");
    }
    return new JsonObject().put("status", "down").put("error", cluster.lastError().orElse("connecting"));
  }

  /** Rooms that clients or features made, not counting the private room every socket has. */
  private int activeRooms() {
    int rooms = 0;
    for (Namespace namespace : io.namespaces()) {
      rooms += Math.max(0, namespace.adapter().roomCount() - namespace.sockets().size());
    }
    return rooms;
  }
}
