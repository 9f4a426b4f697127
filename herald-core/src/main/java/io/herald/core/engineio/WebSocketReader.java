package io.herald.core.engineio;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocketFrame;
import java.io.ByteArrayOutputStream;

/**
 * Reads Engine.IO packets from a WebSocket: joins fragmented messages, enforces {@code maxPayload}, decodes,
 * and hands each packet to the session on the session's context.
 */
final class WebSocketReader implements Handler<WebSocketFrame> {
  private final Context context;
  private final int maxPayload;
  private final Handler<EnginePacket> packets;
  private final Handler<EngineCodecException> errors;
  private ByteArrayOutputStream fragments;
  private boolean fragmentsBinary;
  private boolean failed;

  private WebSocketReader(Context context, int maxPayload, Handler<EnginePacket> packets,
      Handler<EngineCodecException> errors) {
    this.context = context;
    this.maxPayload = maxPayload;
    this.packets = packets;
    this.errors = errors;
  }

  static void attach(ServerWebSocket webSocket, Context sessionContext, int maxPayload,
      Handler<EnginePacket> packets, Handler<EngineCodecException> errors, Runnable onClose) {
    WebSocketReader reader = new WebSocketReader(sessionContext, maxPayload, packets, errors);
    webSocket.frameHandler(reader);
    webSocket.closeHandler(v -> reader.onContext(onClose::run));
    webSocket.exceptionHandler(e -> { });
  }

  @Override
  public void handle(WebSocketFrame frame) {
    if (failed) {
      return;
    }
    if (frame.isText() || frame.isBinary()) {
      if (frame.isFinal() && fragments == null) {
        Buffer data = frame.binaryData();
        if (data.length() > maxPayload) {
          fail("message of " + data.length() + " bytes exceeds maxPayload " + maxPayload);
          return;
        }
        deliver(frame.isBinary(), data.getBytes());
        return;
      }
      if (fragments != null) {
        fail("new message before the previous fragmented one ended");
        return;
      }
      fragments = new ByteArrayOutputStream();
      fragmentsBinary = frame.isBinary();
      append(frame);
    } else if (frame.isContinuation()) {
      if (fragments == null) {
        fail("continuation frame without a message");
        return;
      }
      append(frame);
    }
  }

  private void append(WebSocketFrame frame) {
    Buffer data = frame.binaryData();
    if (fragments.size() + data.length() > maxPayload) {
      fail("fragmented message exceeds maxPayload " + maxPayload);
      return;
    }
    fragments.writeBytes(data.getBytes());
    if (frame.isFinal()) {
      byte[] message = fragments.toByteArray();
      fragments = null;
      deliver(fragmentsBinary, message);
    }
  }

  private void deliver(boolean binary, byte[] data) {
    EnginePacket packet;
    try {
      packet = binary ? EngineCodec.decodeBinary(data) : EngineCodec.decodeText(data);
    } catch (EngineCodecException e) {
      failed = true;
      onContext(() -> errors.handle(e));
      return;
    }
    onContext(() -> packets.handle(packet));
  }

  private void fail(String message) {
    failed = true;
    fragments = null;
    EngineCodecException error = new EngineCodecException(message);
    onContext(() -> errors.handle(error));
  }

  private void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
