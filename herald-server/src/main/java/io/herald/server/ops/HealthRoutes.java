package io.herald.server.ops;

import io.herald.core.server.Namespace;
import io.herald.core.server.SocketServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;

/** {@code GET /health}: whether the gateway serves, with its WebSocket figures. */
public final class HealthRoutes {
  private final SocketServer io;

  public HealthRoutes(SocketServer io) {
    this.io = io;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    JsonObject websocket = new JsonObject()
        .put("status", "healthy")
        .put("connectedClients", io.clientsCount())
        .put("activeRooms", activeRooms());
    JsonObject body = new JsonObject()
        .put("status", "ok")
        .put("timestamp", Instant.now().toString())
        .put("details", new JsonObject().put("websocket", websocket));
    ctx.response().putHeader("content-type", "application/json").end(body.encode());
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
