package io.herald.core.engineio;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.net.impl.VertxHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Answers a WebSocket handshake (RFC 6455 §4.2) and takes the connection over from Vert.x: the HTTP codec and
 * Vert.x's connection leave the pipeline and a {@link WebSocketChannel} becomes its last handler. Vert.x would
 * otherwise keep, per WebSocket, its HTTP/1 connection, its own WebSocket connection with two message queues,
 * and a frame object per message written; Herald needs none of them.
 */
final class WebSocketUpgrade {
  private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  private static final Pattern KEY = Pattern.compile("[+/0-9A-Za-z]{22}==");
  /** The name Vert.x gives its handler that looks for an HTTP/2 cleartext upgrade in the first request. */
  private static final String H2C_UPGRADE = "h2c";
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private WebSocketUpgrade() {}

  /**
   * Upgrades {@code request} and hands the new transport to {@code accepted} on the connection's event loop, or
   * answers 400 when the handshake is not a valid WebSocket version 13 handshake and runs {@code refused}.
   */
  static void accept(HttpServerRequest request, int maxPayload, WriteBufferWaterMark waterMark,
      Handler<WebSocketChannel> accepted, Runnable refused) {
    String key = trimmed(request.getHeader("Sec-WebSocket-Key"));
    String version = trimmed(request.getHeader("Sec-WebSocket-Version"));
    if (key == null || !KEY.matcher(key).matches() || !("13".equals(version) || "8".equals(version))
        || !(request.connection() instanceof ConnectionBase connection)) {
      EngineServer.refuse(request, EngineError.BAD_REQUEST);
      refused.run();
      return;
    }
    Channel channel = connection.channelHandlerContext().channel();
    String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Accept: " + acceptKey(key) + "\r\n"
        + protocolHeader(request.getHeader("Sec-WebSocket-Protocol")) + "\r\n";
    Runnable takeOver = () -> {
      if (!channel.isActive()) {
        refused.run();
        return;
      }
      WebSocketChannel webSocket = new WebSocketChannel(channel, maxPayload);
      ChannelPipeline pipeline = channel.pipeline();
      pipeline.replace(VertxHandler.class, "herald-websocket", webSocket);
      removeHttpHandlers(pipeline);
      channel.config().setWriteBufferWaterMark(waterMark);
      channel.config().setAutoRead(true);
      channel.writeAndFlush(Unpooled.wrappedBuffer(response.getBytes(StandardCharsets.US_ASCII)),
          channel.voidPromise());
      // Last, once the read that carried the request is over (Vert.x's h2c handler, still running it, removes
      // itself then): what the decoder holds beyond the request goes to the WebSocket handler. A client must not
      // send frames before it has the 101 (RFC 6455 §4.1), so normally there is nothing.
      channel.eventLoop().execute(() -> {
        if (pipeline.get(HttpRequestDecoder.class) != null) {
          pipeline.remove(HttpRequestDecoder.class);
        }
      });
      accepted.handle(webSocket);
    };
    if (channel.eventLoop().inEventLoop()) {
      takeOver.run();
    } else {
      channel.eventLoop().execute(takeOver);
    }
  }

  /** Like Node's {@code ws}, the first subprotocol the client offers is accepted. */
  private static String protocolHeader(String offered) {
    if (offered == null) {
      return "";
    }
    String first = offered.split(",", 2)[0].trim();
    return TOKEN.matcher(first).matches() ? "Sec-WebSocket-Protocol: " + first + "\r\n" : "";
  }

  static String acceptKey(String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1")
          .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
    }
  }

  /**
   * Removes what Vert.x put behind the HTTP decoder (encoder, compression, chunked writer), keeping the
   * idle-timeout handler and Vert.x's h2c upgrade handler, which is running this request and removes itself
   * when it returns.
   */
  private static void removeHttpHandlers(ChannelPipeline pipeline) {
    boolean http = false;
    for (Map.Entry<String, ChannelHandler> entry : pipeline.toMap().entrySet()) {
      ChannelHandler handler = entry.getValue();
      if (handler instanceof HttpRequestDecoder) {
        http = true;
      } else if (http && !(handler instanceof WebSocketChannel) && !(handler instanceof IdleStateHandler)
          && !H2C_UPGRADE.equals(entry.getKey())) {
        pipeline.remove(handler);
      }
    }
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }
}
