package io.herald.core.engineio;

import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.List;

/**
 * The WebSocket transport. Every Engine.IO packet is one frame: text packets as text frames holding their
 * encoded form, binary messages as binary frames. Frames are built around the packet's bytes without
 * copying them, so a broadcast packet is shared by every recipient.
 */
final class WebSocketTransport implements Transport {
  private final ServerWebSocket webSocket;

  WebSocketTransport(ServerWebSocket webSocket, int maxBufferedBytes) {
    this.webSocket = webSocket;
    webSocket.setWriteQueueMaxSize(maxBufferedBytes);
  }

  ServerWebSocket webSocket() {
    return webSocket;
  }

  @Override
  public EngineOptions.TransportName name() {
    return EngineOptions.TransportName.WEBSOCKET;
  }

  @Override
  public boolean writable() {
    return !webSocket.isClosed();
  }

  @Override
  public void send(List<EnginePacket> packets) {
    for (int i = 0; i < packets.size(); i++) {
      send(packets.get(i));
    }
  }

  @Override
  public void send(EnginePacket packet) {
    WebSocketFrameType type = packet.isBinary() ? WebSocketFrameType.BINARY : WebSocketFrameType.TEXT;
    webSocket.writeFrame(new WebSocketFrameImpl(type, packet.encoded(), true));
  }

  @Override
  public boolean backedUp() {
    return webSocket.writeQueueFull();
  }

  @Override
  public void close() {
    if (!webSocket.isClosed()) {
      webSocket.close();
    }
  }

  /**
   * Closes the TCP connection at once: a close frame queued behind data the client does not read would never go
   * out, and the connection, with all that was buffered for it, would stay open.
   */
  @Override
  public void abort() {
    if (webSocket instanceof WebSocketInternal internal) {
      internal.channelHandlerContext().channel().close();
    } else {
      close();
    }
  }
}
