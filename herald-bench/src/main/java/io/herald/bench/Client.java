package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.engineio.EngineCodec;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EnginePacketType;
import io.herald.core.socketio.SocketDecoder;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.List;

/**
 * One Socket.IO client over a raw WebSocket (Engine.IO 4, Socket.IO 5), speaking the protocol with
 * herald-core's codecs. Lives on one Netty event loop; not thread-safe.
 */
final class Client extends SimpleChannelInboundHandler<WebSocketFrame> {
  /** What the scenario wants to hear about. Called on the client's event loop. */
  interface Listener {
    default void connected(Client client) {}

    default void failed(Client client, String reason) {}

    default void event(Client client, String name, JsonNode args) {}

    default void ack(Client client, long id, JsonNode args) {}

    default void closed(Client client) {}
  }

  final int index;
  private final String namespace;
  private final Object auth;
  private final Listener listener;
  private final SocketDecoder decoder = new SocketDecoder(16);
  private Channel channel;
  private boolean connected;
  private boolean done;
  private long nextAckId;
  /** Scenario state: when the outstanding request was sent (System.nanoTime), the room, anything. */
  long sentAt;
  /** When the bytes of the message being handled were read from the socket (System.nanoTime). */
  long readAt;
  long started;
  int room;

  Client(int index, String namespace, Object auth, Listener listener) {
    this.index = index;
    this.namespace = namespace;
    this.auth = auth;
    this.listener = listener;
  }

  /**
   * The first handler of the client's pipeline: stamps each read with the time it came off the socket, so that
   * latencies end at receipt rather than after the generator's own decoding of earlier messages of a burst.
   */
  ChannelHandler readStamp() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        readAt = System.nanoTime();
        ctx.fireChannelRead(msg);
      }
    };
  }

  boolean isConnected() {
    return connected && channel != null && channel.isActive();
  }

  Channel channel() {
    return channel;
  }

  /** Emits an event; with {@code withAck}, returns the ack id to expect, otherwise -1. */
  long emit(boolean withAck, Object... eventAndArgs) {
    long id = withAck ? nextAckId++ : SocketPacket.NO_ID;
    send(SocketPacket.event(namespace, List.of(eventAndArgs), id));
    return id;
  }

  private void send(SocketPacket packet) {
    List<EnginePacket> packets = SocketEncoder.encode(packet);
    for (EnginePacket p : packets) {
      writeEngine(p);
    }
    channel.flush();
  }

  private void writeEngine(EnginePacket p) {
    ByteBuf buf = Unpooled.wrappedBuffer(p.encoded());
    channel.write(p.isBinary() ? new BinaryWebSocketFrame(buf) : new TextWebSocketFrame(buf));
  }

  void close() {
    done = true;
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    channel = ctx.channel();
    super.channelActive(ctx);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
      fail("websocket handshake timeout");
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    byte[] bytes = ByteBufUtil.getBytes(frame.content());
    EnginePacket packet = frame instanceof BinaryWebSocketFrame
        ? EngineCodec.decodeBinary(bytes) : EngineCodec.decodeText(bytes);
    switch (packet.type()) {
      case OPEN -> send(SocketPacket.connect(namespace, auth));
      case PING -> {
        writeEngine(EnginePacket.of(EnginePacketType.PONG));
        channel.flush();
      }
      case MESSAGE -> message(packet);
      case CLOSE -> close();
      default -> { }
    }
  }

  private void message(EnginePacket packet) {
    SocketPacket p = decoder.decode(packet);
    if (p == null) {
      return;
    }
    switch (p.type()) {
      case CONNECT -> {
        connected = true;
        listener.connected(this);
      }
      case CONNECT_ERROR -> fail("connect_error " + p.data());
      case EVENT, BINARY_EVENT -> {
        JsonNode data = (JsonNode) p.data();
        listener.event(this, data.path(0).asText(), data);
      }
      case ACK, BINARY_ACK -> listener.ack(this, p.id(), (JsonNode) p.data());
      case DISCONNECT -> close();
      default -> { }
    }
  }

  private void fail(String reason) {
    if (!connected && !done) {
      done = true;
      listener.failed(this, reason);
    }
    if (channel != null) {
      channel.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (!connected) {
      fail("closed before connecting");
    } else {
      connected = false;
      listener.closed(this);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause.getClass().getSimpleName() + ": " + cause.getMessage());
  }

  /** Called when the TCP connect itself failed. */
  void connectFailed(Throwable cause) {
    if (!done) {
      done = true;
      listener.failed(this, "connect: " + cause);
    }
  }
}
