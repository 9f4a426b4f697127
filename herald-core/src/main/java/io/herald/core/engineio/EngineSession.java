package io.herald.core.engineio;

import io.herald.core.engineio.EngineConnection.CloseReason;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Engine.IO session: heartbeat, the outbound queue, the polling exchange and the upgrade to WebSocket.
 * Confined to one Vert.x context; {@link EngineServer} hops there before calling in.
 */
final class EngineSession implements EngineConnection {
  private static final Logger log = LoggerFactory.getLogger(EngineSession.class);
  private static final EnginePacket PING = EnginePacket.of(EnginePacketType.PING);
  private static final EnginePacket NOOP = EnginePacket.of(EnginePacketType.NOOP);
  private static final EnginePacket CLOSE = EnginePacket.of(EnginePacketType.CLOSE);

  private enum State { OPEN, CLOSING, CLOSED }

  /** How long a polling session closed by the server waits for the GET that takes its close packet. */
  private static final long CLOSE_GRACE_MILLIS = 5_000;

  private final String id;
  private final EngineServer server;
  private final EngineOptions options;
  private final Vertx vertx;
  private final Context context;
  private final EngineRequest request;

  private Transport transport;
  private List<EnginePacket> queue;
  private long queuedBytes;
  private State state = State.OPEN;
  private CloseReason closingReason;
  private boolean abortTransport;

  private long pingTimer = -1;
  private long pongTimer = -1;
  private long closeTimer = -1;

  private WebSocketChannel probe;
  private boolean probed;
  private long upgradeTimer = -1;

  private Handler<EnginePacket> messageHandler = packet -> {};
  private Handler<CloseReason> closeHandler = reason -> {};

  EngineSession(String id, EngineServer server, Context context, EngineRequest request, Transport transport) {
    this.id = id;
    this.server = server;
    this.options = server.options();
    this.vertx = context.owner();
    this.context = context;
    this.request = request;
    this.transport = transport;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public EngineRequest request() {
    return request;
  }

  @Override
  public Context context() {
    return context;
  }

  @Override
  public String transportName() {
    return transport.name().wireName();
  }

  @Override
  public boolean isOpen() {
    return state == State.OPEN;
  }

  @Override
  public void messageHandler(Handler<EnginePacket> handler) {
    this.messageHandler = handler;
  }

  @Override
  public void closeHandler(Handler<CloseReason> handler) {
    this.closeHandler = handler;
  }

  /** Sends the handshake and starts the heartbeat. */
  void open(String handshakeJson) {
    send(EnginePacket.text(EnginePacketType.OPEN, handshakeJson));
    schedulePing();
  }

  // ---- outbound -------------------------------------------------------------------------------------

  @Override
  public void send(EnginePacket packet) {
    if (state != State.OPEN) {
      return;
    }
    if (queue == null && transport instanceof WebSocketChannel ws && probe == null) {
      ws.send(packet);
      checkBackPressure();
      return;
    }
    enqueue(packet);
    flush();
  }

  @Override
  public void sendAll(List<EnginePacket> packets) {
    if (state != State.OPEN) {
      return;
    }
    for (int i = 0; i < packets.size(); i++) {
      enqueue(packets.get(i));
    }
    flush();
  }

  @Override
  public boolean sendIfWritable(List<EnginePacket> packets) {
    if (state != State.OPEN || queue != null || probe != null || !transport.writable() || transport.backedUp()) {
      return false;
    }
    // written at once and never counted against the buffer limit: a backed-up socket loses volatile packets,
    // it is not disconnected for them
    transport.send(packets);
    return true;
  }

  private void enqueue(EnginePacket packet) {
    if (queue == null) {
      queue = new ArrayList<>(4);
    }
    queue.add(packet);
    queuedBytes += packet.encoded().length;
  }

  private void flush() {
    boolean closing = state == State.CLOSING;
    if ((queue == null && !closing) || !transport.writable()) {
      if (queuedBytes > options.maxBufferedBytes()) {
        closeAsSlowConsumer();
      }
      return;
    }
    if (queue == null) {
      // closing, and what was queued has gone out with an earlier response: the close packet gets its own,
      // because clients dispatch received events a tick late and would drop those that share a payload with it
      transport.send(CLOSE);
      finish(closingReason);
      return;
    }
    List<EnginePacket> packets = queue;
    queue = null;
    queuedBytes = 0;
    transport.send(packets);
    checkBackPressure();
    if (closing && !(transport instanceof PollingTransport)) {
      finish(closingReason);
    }
  }

  private void checkBackPressure() {
    if (state != State.CLOSED && transport.backedUp()) {
      closeAsSlowConsumer();
    }
  }

  private void closeAsSlowConsumer() {
    server.listener().slowConsumerDisconnected();
    abortTransport = true;
    closeNow(new CloseReason(CloseReason.TRANSPORT_ERROR,
        "outbound buffer over " + options.maxBufferedBytes() + " bytes (slow consumer)"));
  }

  // ---- inbound --------------------------------------------------------------------------------------

  /** A packet arrived on the current transport. */
  void onPacket(EnginePacket packet) {
    if (state == State.CLOSED) {
      return;
    }
    switch (packet.type()) {
      case MESSAGE -> messageHandler.handle(packet);
      case PONG -> {
        cancel(pongTimer);
        pongTimer = -1;
        if (state == State.OPEN) {
          schedulePing();
        }
      }
      case CLOSE -> {
        if (transport instanceof PollingTransport polling) {
          polling.release();
        }
        closeNow(new CloseReason(CloseReason.TRANSPORT_CLOSE, "client sent close"));
      }
      case NOOP -> { }
      default -> closeNow(new CloseReason(CloseReason.PARSE_ERROR,
          "unexpected " + packet.type() + " packet from client"));
    }
  }

  /** A packet could not be decoded: the connection is closed with the reason. */
  void onDecodeError(EngineCodecException e) {
    log.debug("session {}: closing after invalid input: {}", id, e.getMessage());
    closeNow(new CloseReason(CloseReason.PARSE_ERROR, e.getMessage()));
  }

  /** A long-polling GET. */
  void onPoll(HttpServerRequest get) {
    if (state == State.CLOSED) {
      EngineServer.refuse(get, EngineError.UNKNOWN_SID);
      return;
    }
    if (!(transport instanceof PollingTransport polling)) {
      EngineServer.refuse(get, EngineError.BAD_REQUEST);
      return;
    }
    if (polling.hasPendingGet()) {
      EngineServer.refuse(get, EngineError.BAD_REQUEST);
      closeNow(new CloseReason(CloseReason.TRANSPORT_ERROR, "overlapping GET from client"));
      return;
    }
    polling.park(get);
    get.response().closeHandler(v -> context.runOnContext(x -> onPollAborted(get)));
    if (queue != null || state == State.CLOSING) {
      flush();
    } else if (probe != null && probed) {
      polling.send(NOOP);
    }
  }

  private void onPollAborted(HttpServerRequest get) {
    if (transport instanceof PollingTransport polling && polling.forget(get)) {
      closeNow(new CloseReason(CloseReason.TRANSPORT_ERROR, "poll connection closed prematurely"));
    }
  }

  /** A long-polling POST whose body has been read. */
  void onData(HttpServerRequest post, byte[] body) {
    if (state == State.CLOSED) {
      EngineServer.refuse(post, EngineError.UNKNOWN_SID);
      return;
    }
    if (!(transport instanceof PollingTransport)) {
      EngineServer.refuse(post, EngineError.BAD_REQUEST);
      return;
    }
    List<EnginePacket> packets;
    try {
      packets = EngineCodec.decodePayload(body, options.maxPacketsPerPayload());
    } catch (EngineCodecException e) {
      EngineServer.refuse(post, EngineError.BAD_REQUEST);
      onDecodeError(e);
      return;
    }
    PollingTransport.acknowledge(post);
    for (int i = 0; i < packets.size() && state != State.CLOSED; i++) {
      onPacket(packets.get(i));
    }
  }

  // ---- upgrade --------------------------------------------------------------------------------------

  /** Whether a WebSocket may replace the current polling transport. */
  boolean canUpgrade() {
    return state == State.OPEN && transport instanceof PollingTransport && probe == null;
  }

  /** A WebSocket arrived for this session: it becomes the transport once the client confirms. */
  void onProbe(WebSocketChannel candidate) {
    probe = candidate;
    upgradeTimer = vertx.setTimer(options.upgradeTimeout().toMillis(), t -> {
      upgradeTimer = -1;
      abandonProbe(candidate, "upgrade timed out");
    });
    candidate.listen((ContextInternal) context, packet -> onProbePacket(candidate, packet),
        error -> {
          if (transport == candidate) {
            onDecodeError(error);
          } else {
            abandonProbe(candidate, error.getMessage());
          }
        },
        () -> onTransportClosed(candidate));
  }

  private void onProbePacket(WebSocketChannel candidate, EnginePacket packet) {
    if (transport == candidate) {
      onPacket(packet);
      return;
    }
    if (probe != candidate) {
      return;
    }
    if (packet.type() == EnginePacketType.PING && !probed && "probe".equals(packet.text())) {
      probed = true;
      candidate.send(EnginePacket.text(EnginePacketType.PONG, "probe"));
      if (transport instanceof PollingTransport polling && polling.writable() && queue == null) {
        polling.send(NOOP);
      }
    } else if (packet.type() == EnginePacketType.UPGRADE && probed) {
      completeUpgrade(candidate);
    } else {
      abandonProbe(candidate, "unexpected " + packet.type() + " packet during upgrade");
    }
  }

  private void completeUpgrade(WebSocketChannel candidate) {
    cancel(upgradeTimer);
    upgradeTimer = -1;
    Transport old = transport;
    if (old instanceof PollingTransport polling && polling.writable()) {
      polling.send(NOOP);
    }
    transport = candidate;
    probe = null;
    log.debug("session {}: upgraded to websocket", id);
    if (state == State.CLOSING) {
      flush();
      finish(closingReason);
      return;
    }
    flush();
  }

  private void abandonProbe(WebSocketChannel candidate, String why) {
    if (probe != candidate) {
      return;
    }
    log.debug("session {}: upgrade abandoned: {}", id, why);
    cancel(upgradeTimer);
    upgradeTimer = -1;
    probe = null;
    probed = false;
    candidate.close();
  }

  /** The WebSocket of this session closed, either the transport or a probe. */
  void onTransportClosed(Transport closed) {
    if (closed == transport) {
      closeNow(new CloseReason(CloseReason.TRANSPORT_CLOSE, "websocket closed"));
    } else if (closed == probe) {
      abandonProbe(probe, "websocket closed during upgrade");
    }
  }

  // ---- heartbeat ------------------------------------------------------------------------------------

  private void schedulePing() {
    cancel(pingTimer);
    pingTimer = vertx.setTimer(options.pingInterval().toMillis(), t -> {
      pingTimer = -1;
      send(PING);
      cancel(pongTimer);
      pongTimer = vertx.setTimer(options.pingTimeout().toMillis(), t2 -> {
        pongTimer = -1;
        closeNow(new CloseReason(CloseReason.PING_TIMEOUT, "no pong within " + options.pingTimeout().toMillis() + " ms"));
      });
    });
  }

  // ---- close ----------------------------------------------------------------------------------------

  @Override
  public void close(String reason) {
    if (state != State.OPEN) {
      return;
    }
    CloseReason closeReason = new CloseReason(reason, "closed by server");
    if (transport instanceof PollingTransport && !transport.writable()) {
      // the close packet, and whatever is queued, go out with the client's next GET
      state = State.CLOSING;
      closingReason = closeReason;
      cancel(pingTimer);
      cancel(pongTimer);
      pingTimer = -1;
      pongTimer = -1;
      // a live polling client asks again within a round trip of its last answer; one that does not is gone
      long grace = Math.min(options.pingInterval().toMillis() + options.pingTimeout().toMillis(), CLOSE_GRACE_MILLIS);
      closeTimer = vertx.setTimer(grace, t -> finish(closingReason));
      return;
    }
    flush();
    finish(closeReason);
  }

  /** Closes at once, dropping whatever is queued. */
  void closeNow(CloseReason reason) {
    if (state == State.CLOSED) {
      return;
    }
    queue = null;
    queuedBytes = 0;
    finish(reason);
  }

  private void finish(CloseReason reason) {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancel(pingTimer);
    cancel(pongTimer);
    cancel(upgradeTimer);
    cancel(closeTimer);
    if (probe != null) {
      probe.close();
      probe = null;
    }
    if (abortTransport) {
      transport.abort();
    } else {
      transport.close();
    }
    server.remove(this);
    if (!reason.reason().equals(CloseReason.TRANSPORT_CLOSE) && !reason.reason().equals(CloseReason.FORCED_CLOSE)) {
      log.info("session {} closed: {} ({})", id, reason.reason(), reason.description());
    } else {
      log.debug("session {} closed: {} ({})", id, reason.reason(), reason.description());
    }
    closeHandler.handle(reason);
  }

  private void cancel(long timer) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
