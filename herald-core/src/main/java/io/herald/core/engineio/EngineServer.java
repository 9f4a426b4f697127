package io.herald.core.engineio;

import io.herald.core.engineio.EngineOptions.TransportName;
import io.herald.core.internal.Contexts;
import io.netty.channel.WriteBufferWaterMark;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine.IO v4 server: answers the HTTP requests under its path (handshakes, polling, WebSocket
 * upgrades) and hands every new session to the connection handler.
 *
 * <p>Mount {@link #handle} on the path of your choice on any Vert.x HTTP server, on as many event loops as
 * you like: each session stays on the event loop it was opened on.
 */
public final class EngineServer {
  private static final Logger log = LoggerFactory.getLogger(EngineServer.class);
  private static final int CLOSING_TIMEOUT_SECONDS = 2;

  private final EngineOptions options;
  private final Handler<EngineConnection> connectionHandler;
  private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
  private final String upgradesJson;
  private final AddressLimits addressLimits;
  private final EngineListener listener;
  private final WriteBufferWaterMark waterMark;

  public EngineServer(EngineOptions options, Handler<EngineConnection> connectionHandler) {
    this(options, EngineListener.NONE, connectionHandler);
  }

  /** @param listener hears about refused handshakes and slow consumers, to count them */
  public EngineServer(EngineOptions options, EngineListener listener, Handler<EngineConnection> connectionHandler) {
    this.options = options;
    this.connectionHandler = connectionHandler;
    this.listener = Objects.requireNonNull(listener, "listener");
    this.addressLimits = new AddressLimits(options.maxConnectionsPerIp(), options.handshakesPerIpPerSecond());
    boolean upgrades = options.allowUpgrades() && options.transports().contains(TransportName.WEBSOCKET);
    this.upgradesJson = upgrades ? "[\"websocket\"]" : "[]";
    this.waterMark = new WriteBufferWaterMark(options.maxBufferedBytes() / 2, options.maxBufferedBytes());
  }

  /**
   * Sets the WebSocket frame limits of an HTTP server so that messages up to {@code maxPayload} pass, and waits at
   * most {@value #CLOSING_TIMEOUT_SECONDS} s for a client to answer a close frame: a slow consumer never does, and
   * until its TCP connection closes, what was buffered for it stays in memory.
   */
  public static HttpServerOptions configure(HttpServerOptions httpOptions, EngineOptions options) {
    int frame = Math.max(options.maxPayload() + 1, 65_536);
    int closing = Math.min(httpOptions.getWebSocketClosingTimeout(), CLOSING_TIMEOUT_SECONDS);
    return httpOptions.setMaxWebSocketFrameSize(frame).setMaxWebSocketMessageSize(frame)
        .setWebSocketClosingTimeout(closing);
  }

  public EngineOptions options() {
    return options;
  }

  /** The number of open sessions. */
  public int clientsCount() {
    return sessions.size();
  }

  /** Closes every session with the given reason. */
  public void closeAll(String reason) {
    for (EngineSession session : new ArrayList<>(sessions.values())) {
      session.context().runOnContext(v -> session.close(reason));
    }
  }

  EngineListener listener() {
    return listener;
  }

  void remove(EngineSession session) {
    if (sessions.remove(session.id(), session)) {
      addressLimits.release(AddressLimits.key(session.request().remoteAddress()));
    }
  }

  /** Handles one request under the Engine.IO path. */
  public void handle(HttpServerRequest request) {
    CorsPolicy cors = options.cors();
    if (cors != null && !cors.apply(request, request.response())) {
      refuse(request, EngineError.FORBIDDEN);
      return;
    }
    if (request.method() == HttpMethod.OPTIONS) {
      if (cors != null) {
        request.response().setStatusCode(204).end();
      } else {
        refuse(request, EngineError.BAD_REQUEST);
      }
      return;
    }
    if (!"4".equals(request.getParam("EIO"))) {
      refuse(request, EngineError.UNSUPPORTED_PROTOCOL_VERSION);
      return;
    }
    TransportName transport = TransportName.ofWireName(request.getParam("transport"));
    if (transport == null || !options.transports().contains(transport)) {
      refuse(request, EngineError.UNKNOWN_TRANSPORT);
      return;
    }
    boolean webSocket = request.canUpgradeToWebSocket();
    if (transport == TransportName.WEBSOCKET && !webSocket) {
      refuse(request, EngineError.BAD_REQUEST);
      return;
    }
    String sid = request.getParam("sid");
    if (sid == null) {
      handshake(request, transport);
      return;
    }
    EngineSession session = sessions.get(sid);
    if (session == null) {
      log.debug("refused a {} request from {}: unknown sid {}", request.method(), address(request), abbreviate(sid));
      refuse(request, EngineError.UNKNOWN_SID);
      return;
    }
    if (transport == TransportName.WEBSOCKET) {
      upgrade(request, session);
    } else if (request.method() == HttpMethod.GET) {
      Contexts.run(session.context(), () -> session.onPoll(request));
    } else if (request.method() == HttpMethod.POST) {
      readBody(request, session);
    } else {
      refuse(request, EngineError.BAD_REQUEST);
    }
  }

  private void handshake(HttpServerRequest request, TransportName transport) {
    if (transport == TransportName.POLLING && request.method() != HttpMethod.GET) {
      refuse(request, EngineError.BAD_HANDSHAKE_METHOD);
      return;
    }
    String address = address(request);
    String key = AddressLimits.key(address);
    String limit = addressLimits.tryAcquire(key);
    if (limit != null) {
      log.debug("refused a handshake from {}: over {}", address, limit);
      listener.connectionRefused(limit);
      request.response().putHeader(HttpHeaders.RETRY_AFTER, "1");
      refuse(request, AddressLimits.MAX_CONNECTIONS_PER_IP.equals(limit)
          ? EngineError.TOO_MANY_CONNECTIONS : EngineError.TOO_MANY_HANDSHAKES);
      return;
    }
    Context context = Vertx.currentContext();
    if (options.requestGate() == RequestGate.ALLOW_ALL) {
      open(request, transport, context, key);
      return;
    }
    request.pause();
    Future<Boolean> allowed;
    try {
      allowed = options.requestGate().allow(request);
    } catch (RuntimeException e) {
      allowed = Future.failedFuture(e);
    }
    allowed.onComplete(result -> context.runOnContext(v -> {
      if (result.succeeded() && Boolean.TRUE.equals(result.result())) {
        open(request, transport, context, key);
      } else {
        addressLimits.release(key);
        if (result.failed()) {
          log.debug("request gate refused a handshake: {}", result.cause().getMessage());
        }
        request.resume();
        refuse(request, EngineError.FORBIDDEN);
      }
    }));
  }

  private void open(HttpServerRequest request, TransportName transport, Context context, String key) {
    EngineRequest info = EngineRequest.of(request);
    String sid = Ids.next();
    if (transport == TransportName.POLLING) {
      PollingTransport polling = new PollingTransport();
      EngineSession session = new EngineSession(sid, this, context, info, polling);
      sessions.put(sid, session);
      polling.park(request);
      session.open(handshakeJson(sid, upgradesJson));
      connectionHandler.handle(session);
      return;
    }
    WebSocketUpgrade.accept(request, options.maxPayload(), waterMark, ws -> {
      EngineSession session = new EngineSession(sid, this, context, info, ws);
      sessions.put(sid, session);
      ws.listen((ContextInternal) context, session::onPacket, session::onDecodeError,
          () -> session.onTransportClosed(ws));
      session.open(handshakeJson(sid, "[]"));
      connectionHandler.handle(session);
    }, () -> addressLimits.release(key));
  }

  private String handshakeJson(String sid, String upgrades) {
    return "{\"sid\":\"" + sid + "\",\"upgrades\":" + upgrades
        + ",\"pingInterval\":" + options.pingInterval().toMillis()
        + ",\"pingTimeout\":" + options.pingTimeout().toMillis()
        + ",\"maxPayload\":" + options.maxPayload() + "}";
  }

  private void upgrade(HttpServerRequest request, EngineSession session) {
    if (!options.allowUpgrades()) {
      refuse(request, EngineError.BAD_REQUEST);
      return;
    }
    WebSocketUpgrade.accept(request, options.maxPayload(), waterMark, candidate -> Contexts.run(session.context(), () -> {
      if (session.canUpgrade()) {
        session.onProbe(candidate);
      } else {
        log.info("session {}: refused a second websocket from {} ({})", session.id(), address(request),
            session.isOpen() ? "already upgraded or upgrading" : "session closed");
        candidate.close();
      }
    }), () -> { });
  }

  private void readBody(HttpServerRequest request, EngineSession session) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parseLength(length) > options.maxPayload()) {
      tooLarge(request, session);
      return;
    }
    Buffer body = Buffer.buffer();
    boolean[] overflow = new boolean[1];
    request.handler(chunk -> {
      if (overflow[0]) {
        return;
      }
      if (body.length() + chunk.length() > options.maxPayload()) {
        overflow[0] = true;
        tooLarge(request, session);
        return;
      }
      body.appendBuffer(chunk);
    });
    request.endHandler(v -> {
      if (!overflow[0]) {
        byte[] bytes = body.getBytes();
        Contexts.run(session.context(), () -> session.onData(request, bytes));
      }
    });
  }

  private void tooLarge(HttpServerRequest request, EngineSession session) {
    refuse(request, EngineError.PAYLOAD_TOO_LARGE);
    Contexts.run(session.context(), () -> session.closeNow(new EngineConnection.CloseReason(
        EngineConnection.CloseReason.TRANSPORT_ERROR, "payload over maxPayload " + options.maxPayload())));
  }

  private static String address(HttpServerRequest request) {
    return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
  }

  private static String abbreviate(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "…";
  }

  private static long parseLength(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }

  static void refuse(HttpServerRequest request, EngineError error) {
    if (request.response().ended()) {
      return;
    }
    request.response()
        .setStatusCode(error.status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(error.json());
  }
}
