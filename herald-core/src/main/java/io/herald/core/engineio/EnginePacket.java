package io.herald.core.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet, immutable and already encoded.
 *
 * <p>A text packet holds its UTF-8 wire form, type digit included ({@code "4hello"}), which is exactly
 * what a WebSocket text frame or one segment of a polling payload carries. A binary packet is always a
 * MESSAGE and holds the raw bytes. Because the encoded form is kept, one packet built for a broadcast is
 * written as-is to every recipient.
 */
public final class EnginePacket {
  private static final byte[] EMPTY = new byte[0];

  private final EnginePacketType type;
  private final boolean binary;
  private final byte[] bytes;
  /** The packet as one WebSocket frame, built on first use: a broadcast packet is framed once for all recipients. */
  private volatile byte[] webSocketFrame;
  /** The frame in direct memory, made when the packet is sent a second time, that is, when it is a broadcast. */
  private volatile ByteBuf sharedWebSocketFrame;

  private EnginePacket(EnginePacketType type, boolean binary, byte[] bytes) {
    this.type = type;
    this.binary = binary;
    this.bytes = bytes;
  }

  /** A text packet of the given type carrying {@code data} (may be empty). */
  public static EnginePacket text(EnginePacketType type, String data) {
    Objects.requireNonNull(type, "type");
    byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
    byte[] encoded = new byte[utf8.length + 1];
    encoded[0] = type.digit();
    System.arraycopy(utf8, 0, encoded, 1, utf8.length);
    return new EnginePacket(type, false, encoded);
  }

  /** A text packet with no data, such as a PING or NOOP. */
  public static EnginePacket of(EnginePacketType type) {
    return new EnginePacket(type, false, new byte[] {type.digit()});
  }

  /** A text MESSAGE packet. */
  public static EnginePacket message(String data) {
    return text(EnginePacketType.MESSAGE, data);
  }

  /** A binary MESSAGE packet; the array is kept, not copied, and must not change afterwards. */
  public static EnginePacket binary(byte[] data) {
    return new EnginePacket(EnginePacketType.MESSAGE, true, Objects.requireNonNull(data, "data"));
  }

  /**
   * A text packet from its complete UTF-8 wire form, type digit first. The array is kept, not copied.
   *
   * @throws EngineCodecException if the array is empty or does not start with a type digit
   */
  public static EnginePacket wrapEncoded(byte[] encoded) {
    if (encoded.length == 0) {
      throw new EngineCodecException("empty packet (expected: a type digit 0-6)");
    }
    return new EnginePacket(EnginePacketType.ofDigit(encoded[0]), false, encoded);
  }

  public EnginePacketType type() {
    return type;
  }

  public boolean isBinary() {
    return binary;
  }

  /** The wire form: text packets include the type digit, binary packets are the raw data. Do not modify. */
  public byte[] encoded() {
    return bytes;
  }

  /** Where the data starts in {@link #encoded()}: 1 for text packets, 0 for binary ones. */
  public int dataOffset() {
    return binary ? 0 : 1;
  }

  /** The number of data bytes, without the type digit. */
  public int dataLength() {
    return bytes.length - dataOffset();
  }

  /** This packet as a complete, unmasked WebSocket frame: header and payload. Do not modify. */
  byte[] webSocketFrame() {
    byte[] frame = webSocketFrame;
    if (frame == null) {
      frame = WebSocketFrames.frame(binary ? WebSocketFrames.OP_BINARY : WebSocketFrames.OP_TEXT, bytes);
      webSocketFrame = frame;
    }
    return frame;
  }

  /**
   * This packet's WebSocket frame as a buffer to write to one channel. The first time it wraps the frame's array
   * (Netty copies it to direct memory to write it); from the second time on, every recipient gets a view of one
   * direct copy, so a broadcast is neither framed nor copied per recipient. That copy is never released: the
   * garbage collector frees it with the packet.
   */
  ByteBuf webSocketFrameBuffer() {
    ByteBuf shared = sharedWebSocketFrame;
    if (shared == null) {
      boolean first = webSocketFrame == null;
      byte[] frame = webSocketFrame();
      if (first) {
        return Unpooled.wrappedBuffer(frame);
      }
      shared = Unpooled.unreleasableBuffer(
          Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(frame.length).put(frame).flip()));
      sharedWebSocketFrame = shared;
    }
    // a view with its own indexes; no reference count is shared between the event loops that write it
    return shared.duplicate();
  }

  /** The data of a text packet as a string. */
  public String text() {
    if (binary) {
      throw new IllegalStateException("binary packet has no text");
    }
    return new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8);
  }

  /** The data of a binary packet; for a text packet, its UTF-8 data without the type digit (a copy). */
  public byte[] data() {
    if (binary) {
      return bytes;
    }
    return bytes.length == 1 ? EMPTY : Arrays.copyOfRange(bytes, 1, bytes.length);
  }

  @Override
  public String toString() {
    if (binary) {
      return "EnginePacket{MESSAGE, binary, " + bytes.length + " bytes}";
    }
    String text = text();
    String data = text.length() > 64 ? text.substring(0, 64) + "…" : text;
    return "EnginePacket{" + type + ", '" + data + "'}";
  }
}
