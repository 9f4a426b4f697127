package io.herald.server.state;

import io.herald.core.server.Namespace;
import io.herald.core.server.UrlRedaction;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.Identity;
import io.herald.server.auth.LiveSessions;
import io.herald.server.auth.TokenCarriers;
import io.herald.server.http.HttpErrors;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain WebSocket endpoint {@code GET /api/ws} of seed 004, and {@code GET /api/emotions/me}. The token (query
 * parameter {@code token} or {@code Authorization: Bearer}) is checked before the upgrade: a missing or bad one is
 * refused with HTTP 401 and {@code {error: CODE, message}}, too many attempts from one address with 429. A
 * connection is closed with code 4401 when its token expires or its user logs out.
 */
public final class EmotionSocket {
  public static final String PATH = "/api/ws";

  private static final Logger log = LoggerFactory.getLogger(EmotionSocket.class);

  private final AuthServices services;
  private final EmotionRepository emotions;
  private final LiveSessions live;
  private final EmotionConnections connections = new EmotionConnections();
  private final EmotionProtocol protocol;
  private final WsAuth auth;

  public EmotionSocket(AuthServices services, EmotionRepository emotions, LiveSessions live, Namespace root) {
    this.services = services;
    this.emotions = emotions;
    this.live = live;
    this.auth = new WsAuth(services);
    this.protocol = new EmotionProtocol(services.clock(), services.blocking(), auth,
        new EmotionUpdates(emotions, connections, root, services.clock()));
  }

  public void mount(Router router) {
    router.get(PATH).handler(this::upgrade);
    new CurrentEmotionRoute(services, emotions).mount(router);
  }

  /** The number of open {@code /api/ws} connections on this node. */
  public int connectionCount() {
    return connections.count();
  }

  /** Closes every {@code /api/ws} connection of this node with code 1001, for a graceful shutdown. */
  public void closeAll() {
    connections.closeAll(EmotionConnection.CLOSE_GOING_AWAY, "server shutting down");
  }

  private void upgrade(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.canUpgradeToWebSocket()) {
      HttpErrors.send(ctx, 426, "upgrade_required", PATH + " expects a WebSocket upgrade request");
      return;
    }
    String address = address(request);
    String token = TokenCarriers.fromRequest(request.params(), request.headers());
    Context context = Vertx.currentContext();
    request.pause();
    auth.verify(address, token).onComplete(done -> {
      if (done.succeeded()) {
        accept(request, context, address, done.result());
        return;
      }
      request.resume();
      if (!(done.cause() instanceof WsAuth.Refusal refusal)) {
        ctx.fail(500, done.cause());
        return;
      }
      log.debug("refused {} from {}: {}", UrlRedaction.redact(request.uri(), "token"), address, refusal.getMessage());
      if (refusal.retryAfterSeconds() > 0) {
        ctx.response().putHeader("retry-after", Long.toString(refusal.retryAfterSeconds()));
      }
      HttpErrors.send(ctx, refusal.status(), refusal.code(), refusal.getMessage());
    });
  }

  private void accept(HttpServerRequest request, Context context, String address, Identity identity) {
    request.toWebSocket().onComplete(upgraded -> {
      if (upgraded.failed()) {
        log.debug("{} upgrade failed: {}", PATH, upgraded.cause().getMessage());
        return;
      }
      open(upgraded.result(), context, address, identity);
    });
  }

  private void open(ServerWebSocket ws, Context context, String address, Identity identity) {
    EmotionConnection connection = new EmotionConnection(ws, context, address, identity.userId());
    ws.textMessageHandler(text -> protocol.onText(connection, text));
    ws.binaryMessageHandler(bytes -> protocol.onBinary(connection));
    ws.exceptionHandler(e -> log.debug("{} connection of user {}: {}", PATH, identity.userId(), e.getMessage()));
    ws.closeHandler(v -> {
      connections.remove(connection);
      connection.closed();
    });
    connections.add(connection);
    connection.watch(live, identity);
    connection.send(WsMessages.connectionEstablished(identity.userId(), services.clock().instant()));
    log.debug("user {} connected to {}", identity.userId(), PATH);
  }

  private static String address(HttpServerRequest request) {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }
}
