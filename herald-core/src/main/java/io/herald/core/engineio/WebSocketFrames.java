package io.herald.core.engineio;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The WebSocket frame format of RFC 6455 §5.2, server side: frames the server sends are never masked, frames
 * it receives always are. Pure functions over bytes.
 */
final class WebSocketFrames {
  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  static final int CLOSE_NORMAL = 1000;
  static final int CLOSE_PROTOCOL_ERROR = 1002;
  static final int CLOSE_INVALID_DATA = 1007;
  static final int CLOSE_TOO_BIG = 1009;

  private static final int FIN = 0x80;
  private static final int MASK = 0x80;

  private WebSocketFrames() {}

  /** A complete unmasked frame carrying {@code payload}, as one array: header first, then the payload. */
  static byte[] frame(int opcode, byte[] payload) {
    int length = payload.length;
    int header = headerLength(length);
    byte[] frame = new byte[header + length];
    frame[0] = (byte) (FIN | opcode);
    if (length < 126) {
      frame[1] = (byte) length;
    } else if (length < 65_536) {
      frame[1] = 126;
      frame[2] = (byte) (length >>> 8);
      frame[3] = (byte) length;
    } else {
      frame[1] = 127;
      for (int i = 0; i < 8; i++) {
        frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
      }
    }
    System.arraycopy(payload, 0, frame, header, length);
    return frame;
  }

  /** A close frame with a status code and a short reason (truncated to fit a control frame). */
  static ByteBuf close(ByteBufAllocator alloc, int code, String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(text.length, 123);
    ByteBuf frame = alloc.buffer(4 + length);
    frame.writeByte(FIN | OP_CLOSE).writeByte(2 + length).writeShort(code).writeBytes(text, 0, length);
    return frame;
  }

  /** A control frame (ping, pong, close) echoing {@code payload}, at most 125 bytes. */
  static ByteBuf control(ByteBufAllocator alloc, int opcode, byte[] payload) {
    ByteBuf frame = alloc.buffer(2 + payload.length);
    frame.writeByte(FIN | opcode).writeByte(payload.length).writeBytes(payload);
    return frame;
  }

  private static int headerLength(int payloadLength) {
    return payloadLength < 126 ? 2 : payloadLength < 65_536 ? 4 : 10;
  }

  /**
   * The header of the frame at the reader index of {@code in}, or {@code null} when not all of it has arrived.
   *
   * @throws WebSocketProtocolException if the header breaks the protocol
   */
  static Header readHeader(ByteBuf in) {
    int start = in.readerIndex();
    int available = in.readableBytes();
    if (available < 2) {
      return null;
    }
    int b0 = in.getUnsignedByte(start);
    int b1 = in.getUnsignedByte(start + 1);
    if ((b0 & 0x70) != 0) {
      throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "reserved bits set (no extension was negotiated)");
    }
    if ((b1 & MASK) == 0) {
      throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "unmasked frame from client");
    }
    boolean fin = (b0 & FIN) != 0;
    int opcode = b0 & 0x0F;
    int length7 = b1 & 0x7F;
    int lengthBytes = length7 == 126 ? 2 : length7 == 127 ? 8 : 0;
    int headerLength = 2 + lengthBytes + 4;
    if (available < headerLength) {
      return null;
    }
    long length = length7 < 126 ? length7
        : length7 == 126 ? in.getUnsignedShort(start + 2) : in.getLong(start + 2);
    if (length < 0) {
      throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "negative frame length");
    }
    if (opcode >= OP_CLOSE) {
      if (opcode > OP_PONG) {
        throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "unknown control opcode " + opcode);
      }
      if (!fin || length > 125) {
        throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "fragmented or oversized control frame");
      }
    } else if (opcode > OP_BINARY) {
      throw new WebSocketProtocolException(CLOSE_PROTOCOL_ERROR, "unknown data opcode " + opcode);
    }
    return new Header(fin, opcode, length, headerLength, in.getInt(start + headerLength - 4));
  }

  /** Copies {@code length} masked bytes from {@code in} (advancing it) and unmasks them. */
  static byte[] readPayload(ByteBuf in, int length, int mask) {
    byte[] data = new byte[length];
    in.readBytes(data);
    for (int i = 0; i < length; i++) {
      data[i] ^= (byte) (mask >>> (24 - 8 * (i & 3)));
    }
    return data;
  }

  /** Whether {@code bytes} is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF). */
  static boolean isUtf8(byte[] bytes) {
    int i = 0;
    int n = bytes.length;
    while (i < n) {
      int b = bytes[i];
      if (b >= 0) {
        i++;
        continue;
      }
      int lead = b & 0xFF;
      int extra;
      int min;
      if (lead >= 0xC2 && lead <= 0xDF) {
        extra = 1;
        min = 0x80;
      } else if (lead >= 0xE0 && lead <= 0xEF) {
        extra = 2;
        min = 0x800;
      } else if (lead >= 0xF0 && lead <= 0xF4) {
        extra = 3;
        min = 0x10000;
      } else {
        return false;
      }
      if (i + extra >= n) {
        return false;
      }
      int code = lead & (0x3F >> extra);
      for (int k = 1; k <= extra; k++) {
        int c = bytes[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return false;
        }
        code = (code << 6) | (c & 0x3F);
      }
      if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
        return false;
      }
      i += extra + 1;
    }
    return true;
  }

  /**
   * One frame header.
   *
   * @param headerLength bytes before the payload, mask key included
   * @param mask the masking key, big-endian
   */
  record Header(boolean fin, int opcode, long length, int headerLength, int mask) {
    boolean isControl() {
      return opcode >= OP_CLOSE;
    }
  }

  /** A frame that breaks RFC 6455; the connection is closed with {@link #code}. */
  static final class WebSocketProtocolException extends RuntimeException {
    final int code;

    WebSocketProtocolException(int code, String message) {
      super(message, null, false, false);
      this.code = code;
    }
  }
}
