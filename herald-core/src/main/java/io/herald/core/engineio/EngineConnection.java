package io.herald.core.engineio;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.util.List;

/**
 * One Engine.IO session as seen by the layer above: a bidirectional stream of messages that survives a
 * transport upgrade. Every method except {@link #context()}, {@link #id()} and {@link #request()} must be
 * called on {@link #context()}; handlers are called there too.
 */
public interface EngineConnection {
  /** The session id ({@code sid}). */
  String id();

  /** The request that opened the session. */
  EngineRequest request();

  /** The Vert.x context the session lives on. */
  Context context();

  /** The current transport: {@code polling} or {@code websocket}. */
  String transportName();

  boolean isOpen();

  /** Queues a MESSAGE packet (text or binary) and sends it as soon as the transport allows. */
  void send(EnginePacket packet);

  /** Queues several packets that belong together; a polling response carries them in one payload. */
  void sendAll(List<EnginePacket> packets);

  /**
   * Sends the packets only if the transport can take them now without buffering; otherwise drops them.
   * Used for volatile events.
   *
   * @return whether the packets were sent
   */
  boolean sendIfWritable(List<EnginePacket> packets);

  /** Closes the session after what is queued has been sent; the close handler gets {@code reason}. */
  void close(String reason);

  /** Receives every MESSAGE packet from the client. */
  void messageHandler(Handler<EnginePacket> handler);

  /** Called once when the session ends, with a reason such as {@code transport close} or {@code ping timeout}. */
  void closeHandler(Handler<CloseReason> handler);

  /**
   * Why a session ended.
   *
   * @param reason the reason, with the names the Node engine.io server uses
   * @param description more detail for logs, or {@code ""}
   */
  record CloseReason(String reason, String description) {
    public static final String TRANSPORT_CLOSE = "transport close";
    public static final String TRANSPORT_ERROR = "transport error";
    public static final String PING_TIMEOUT = "ping timeout";
    public static final String PARSE_ERROR = "parse error";
    public static final String FORCED_CLOSE = "forced close";
  }
}
