package io.herald.core.engineio;

import static io.herald.core.engineio.WebSocketFrames.CLOSE_INVALID_DATA;
import static io.herald.core.engineio.WebSocketFrames.CLOSE_NORMAL;
import static io.herald.core.engineio.WebSocketFrames.CLOSE_PROTOCOL_ERROR;
import static io.herald.core.engineio.WebSocketFrames.CLOSE_TOO_BIG;

import io.herald.core.engineio.WebSocketFrames.Header;
import io.herald.core.engineio.WebSocketFrames.WebSocketProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport, as the last handler of the connection's Netty pipeline once the upgrade is done
 * ({@link WebSocketUpgrade}). It reads frames straight from the socket's bytes and writes each packet as one
 * frame that {@link EnginePacket#webSocketFrame()} built once, so a broadcast is framed once for all its
 * recipients and nothing per recipient is allocated beyond a wrapper.
 *
 * <p>Frames are read on the channel's event loop; packets, errors and the close reach the session on its
 * own context (the same event loop, unless the WebSocket arrived as an upgrade on another one). The session
 * calls the {@link Transport} methods from its context; Netty hands writes from another thread to the channel.
 */
final class WebSocketChannel extends ChannelInboundHandlerAdapter implements Transport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketChannel.class);
  /** How long a close frame waits for the client's answer before the connection is closed anyway. */
  private static final long CLOSING_TIMEOUT_MILLIS = 2_000;

  private final Channel channel;
  private final int maxPayload;
  private ChannelHandlerContext ctx;

  private ContextInternal context;
  private Handler<EnginePacket> packets;
  private Handler<EngineCodecException> errors;
  private Runnable closed;

  private ByteBuf pending;
  private ByteArrayOutputStream fragments;
  private boolean fragmentsBinary;
  private boolean stopped;
  private volatile boolean closing;
  private boolean closeNotified;
  private int closeCode = CLOSE_NORMAL;

  WebSocketChannel(Channel channel, int maxPayload) {
    this.channel = channel;
    this.maxPayload = maxPayload;
  }

  /**
   * Starts handing what the client sends to {@code packets}, {@code errors} and {@code closed} on {@code context}.
   * Until then frames wait, so that a WebSocket can be handed to its session before it is read.
   */
  void listen(ContextInternal context, Handler<EnginePacket> packets, Handler<EngineCodecException> errors,
      Runnable closed) {
    onLoop(() -> {
      this.context = context;
      this.packets = packets;
      this.errors = errors;
      this.closed = closed;
      if (!channel.isActive()) {
        notifyClosed();
        return;
      }
      readFrames();
    });
  }

  // ---- Transport ------------------------------------------------------------------------------------

  @Override
  public EngineOptions.TransportName name() {
    return EngineOptions.TransportName.WEBSOCKET;
  }

  @Override
  public boolean writable() {
    return !closing && channel.isActive();
  }

  @Override
  public void send(EnginePacket packet) {
    ctx.writeAndFlush(packet.webSocketFrameBuffer(), ctx.voidPromise());
  }

  @Override
  public void send(List<EnginePacket> list) {
    for (int i = 0; i < list.size(); i++) {
      ctx.write(list.get(i).webSocketFrameBuffer(), ctx.voidPromise());
    }
    ctx.flush();
  }

  /** Whether more than {@code maxBufferedBytes} (the channel's high water mark) waits to be written. */
  @Override
  public boolean backedUp() {
    return !channel.isWritable() && channel.isActive();
  }

  /** Sends a close frame and closes the connection when the client answers, or after a short wait. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    onLoop(() -> {
      if (!channel.isActive()) {
        return;
      }
      ctx.writeAndFlush(WebSocketFrames.close(ctx.alloc(), closeCode, ""));
      ctx.executor().schedule(() -> {
        channel.close();
      }, CLOSING_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void abort() {
    closing = true;
    channel.close();
  }

  // ---- Netty ----------------------------------------------------------------------------------------

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      // what the HTTP decoder still produced for the upgrade request (its empty last content)
      ReferenceCountUtil.release(msg);
      return;
    }
    if (stopped) {
      in.release();
      return;
    }
    if (pending == null) {
      pending = in;
    } else if (pending instanceof CompositeByteBuf composite) {
      composite.addComponent(true, in);
    } else {
      pending = ctx.alloc().compositeBuffer().addComponents(true, pending, in);
    }
    if (context == null && pending.readableBytes() > maxPayload + 14) {
      stop();
      channel.close();
      return;
    }
    readFrames();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop();
    notifyClosed();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("websocket from {}: {}", channel.remoteAddress(), cause.toString());
    channel.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      log.debug("websocket from {}: idle timeout", channel.remoteAddress());
      channel.close();
    }
    ReferenceCountUtil.release(event);
  }

  // ---- frames ---------------------------------------------------------------------------------------

  private void readFrames() {
    while (pending != null && context != null && !stopped) {
      Header header;
      try {
        header = WebSocketFrames.readHeader(pending);
      } catch (WebSocketProtocolException e) {
        fail(e.code, e.getMessage());
        return;
      }
      if (header == null) {
        break;
      }
      if (!header.isControl() && header.length() > maxPayload - (fragments == null ? 0 : fragments.size())) {
        fail(CLOSE_TOO_BIG, fragments == null && header.fin()
            ? "message of " + header.length() + " bytes exceeds maxPayload " + maxPayload
            : "fragmented message exceeds maxPayload " + maxPayload);
        return;
      }
      if (pending.readableBytes() < header.headerLength() + header.length()) {
        break;
      }
      pending.skipBytes(header.headerLength());
      onFrame(header, WebSocketFrames.readPayload(pending, (int) header.length(), header.mask()));
    }
    if (pending != null && !pending.isReadable()) {
      pending.release();
      pending = null;
    }
  }

  private void onFrame(Header header, byte[] payload) {
    switch (header.opcode()) {
      case WebSocketFrames.OP_TEXT, WebSocketFrames.OP_BINARY -> {
        if (fragments != null) {
          fail(CLOSE_PROTOCOL_ERROR, "new message before the previous fragmented one ended");
        } else if (header.fin()) {
          onMessage(header.opcode() == WebSocketFrames.OP_BINARY, payload);
        } else {
          fragments = new ByteArrayOutputStream();
          fragmentsBinary = header.opcode() == WebSocketFrames.OP_BINARY;
          fragments.writeBytes(payload);
        }
      }
      case WebSocketFrames.OP_CONTINUATION -> {
        if (fragments == null) {
          fail(CLOSE_PROTOCOL_ERROR, "continuation frame without a message");
          return;
        }
        fragments.writeBytes(payload);
        if (header.fin()) {
          byte[] message = fragments.toByteArray();
          fragments = null;
          onMessage(fragmentsBinary, message);
        }
      }
      case WebSocketFrames.OP_PING -> {
        if (!closing) {
          ctx.writeAndFlush(WebSocketFrames.control(ctx.alloc(), WebSocketFrames.OP_PONG, payload), ctx.voidPromise());
        }
      }
      case WebSocketFrames.OP_CLOSE -> onCloseFrame(payload);
      default -> { } // a pong
    }
  }

  private void onMessage(boolean binary, byte[] data) {
    if (!binary && !WebSocketFrames.isUtf8(data)) {
      fail(CLOSE_INVALID_DATA, "text message is not valid UTF-8");
      return;
    }
    EnginePacket packet;
    try {
      packet = binary ? EngineCodec.decodeBinary(data) : EngineCodec.decodeText(data);
    } catch (EngineCodecException e) {
      stop();
      context.emit(e, errors);
      return;
    }
    context.emit(packet, packets);
  }

  /** The client closes: answer with its status code, unless the close was ours, then close the connection. */
  private void onCloseFrame(byte[] payload) {
    stop();
    if (closing) {
      channel.close();
      return;
    }
    closing = true;
    byte[] code = payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0];
    ctx.writeAndFlush(WebSocketFrames.control(ctx.alloc(), WebSocketFrames.OP_CLOSE, code))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** The client broke the protocol: nothing more is read, and the session hears why. */
  private void fail(int code, String message) {
    stop();
    closeCode = code;
    context.emit(new EngineCodecException(message), errors);
  }

  private void stop() {
    stopped = true;
    fragments = null;
    if (pending != null) {
      pending.release();
      pending = null;
    }
  }

  private void notifyClosed() {
    if (closeNotified || context == null) {
      return;
    }
    closeNotified = true;
    Runnable handler = closed;
    context.emit(null, v -> handler.run());
  }

  private void onLoop(Runnable action) {
    if (channel.eventLoop().inEventLoop()) {
      action.run();
    } else {
      channel.eventLoop().execute(action);
    }
  }
}
