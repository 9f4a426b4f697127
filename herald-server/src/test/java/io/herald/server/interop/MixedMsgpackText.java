package io.herald.server.interop;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Renders MessagePack as JSON-like text for failure messages: {@code bin} values as {@code <hex>}, extension
 * values as {@code ext(type:<hex>)} (notepack.io writes {@code undefined} as {@code ext(0:00)}).
 */
final class MixedMsgpackText {

  private final ByteBuffer in;

  MixedMsgpackText(byte[] bytes) {
    this.in = ByteBuffer.wrap(bytes);
  }

  boolean atEnd() {
    return !in.hasRemaining();
  }

  /** The next value as text. */
  String next() {
    int b = in.get() & 0xff;
    if (b <= 0x7f) {
      return Integer.toString(b);
    }
    if (b >= 0xe0) {
      return Integer.toString((byte) b);
    }
    if ((b & 0xf0) == 0x80) {
      return map(b & 0x0f);
    }
    if ((b & 0xf0) == 0x90) {
      return array(b & 0x0f);
    }
    if ((b & 0xe0) == 0xa0) {
      return string(b & 0x1f);
    }
    return switch (b) {
      case 0xc0 -> "null";
      case 0xc2 -> "false";
      case 0xc3 -> "true";
      case 0xc4 -> binary(in.get() & 0xff);
      case 0xc5 -> binary(in.getShort() & 0xffff);
      case 0xc6 -> binary(in.getInt());
      case 0xc7 -> ext(in.get() & 0xff);
      case 0xc8 -> ext(in.getShort() & 0xffff);
      case 0xc9 -> ext(in.getInt());
      case 0xca -> Float.toString(in.getFloat());
      case 0xcb -> Double.toString(in.getDouble());
      case 0xcc -> Integer.toString(in.get() & 0xff);
      case 0xcd -> Integer.toString(in.getShort() & 0xffff);
      case 0xce -> Long.toString(in.getInt() & 0xffffffffL);
      case 0xcf -> Long.toUnsignedString(in.getLong());
      case 0xd0 -> Byte.toString(in.get());
      case 0xd1 -> Short.toString(in.getShort());
      case 0xd2 -> Integer.toString(in.getInt());
      case 0xd3 -> Long.toString(in.getLong());
      case 0xd4 -> ext(1);
      case 0xd5 -> ext(2);
      case 0xd6 -> ext(4);
      case 0xd7 -> ext(8);
      case 0xd8 -> ext(16);
      case 0xd9 -> string(in.get() & 0xff);
      case 0xda -> string(in.getShort() & 0xffff);
      case 0xdb -> string(in.getInt());
      case 0xdc -> array(in.getShort() & 0xffff);
      case 0xdd -> array(in.getInt());
      case 0xde -> map(in.getShort() & 0xffff);
      case 0xdf -> map(in.getInt());
      default -> throw new IllegalArgumentException("byte 0x" + Integer.toHexString(b) + " at " + (in.position() - 1));
    };
  }

  private byte[] take(int length) {
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private String string(int length) {
    String value = new String(take(length), StandardCharsets.UTF_8);
    return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private String binary(int length) {
    return "<" + HexFormat.of().formatHex(take(length)) + ">";
  }

  private String ext(int length) {
    int type = in.get();
    return "ext(" + type + ":" + HexFormat.of().formatHex(take(length)) + ")";
  }

  private String array(int size) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ",").append(next());
    }
    return text.append(']').toString();
  }

  private String map(int size) {
    StringBuilder text = new StringBuilder("{");
    for (int i = 0; i < size; i++) {
      text.append(i == 0 ? "" : ",").append(next()).append(':').append(next());
    }
    return text.append('}').toString();
  }
}
