package io.herald.core.engineio;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO v4 packets and HTTP long-polling payloads. Pure functions over bytes.
 *
 * <p>A polling payload is a list of packets separated by the record separator {@code 0x1e}; a binary
 * packet inside it is written as {@code 'b'} followed by the base64 of its data.
 */
public final class EngineCodec {
  /** The record separator between packets of a polling payload. */
  public static final byte SEPARATOR = 0x1e;
  private static final byte BINARY_MARKER = 'b';

  private EngineCodec() {}

  /** Decodes a WebSocket text frame (or one polling segment that is not binary). */
  public static EnginePacket decodeText(byte[] utf8) {
    return EnginePacket.wrapEncoded(utf8);
  }

  /** Decodes a WebSocket binary frame: always a binary MESSAGE. */
  public static EnginePacket decodeBinary(byte[] data) {
    return EnginePacket.binary(data);
  }

  /**
   * Decodes the body of a polling POST.
   *
   * @param maxPackets how many packets the payload may hold at most
   * @throws EngineCodecException if the body is empty, a segment is empty or malformed, or there are too many
   */
  public static List<EnginePacket> decodePayload(byte[] body, int maxPackets) {
    if (body.length == 0) {
      throw new EngineCodecException("empty payload (expected: at least one packet)");
    }
    List<EnginePacket> packets = new ArrayList<>(4);
    int start = 0;
    while (start <= body.length) {
      int end = indexOf(body, SEPARATOR, start);
      if (end < 0) {
        end = body.length;
      }
      if (packets.size() == maxPackets) {
        throw new EngineCodecException("payload holds more than " + maxPackets + " packets");
      }
      packets.add(decodeSegment(body, start, end));
      start = end + 1;
    }
    return packets;
  }

  private static EnginePacket decodeSegment(byte[] body, int from, int to) {
    if (from == to) {
      throw new EngineCodecException("empty packet in payload at offset " + from);
    }
    if (body[from] == BINARY_MARKER) {
      try {
        return EnginePacket.binary(Base64.getDecoder().decode(withoutWhitespace(body, from + 1, to)));
      } catch (IllegalArgumentException e) {
        throw new EngineCodecException("binary packet at offset " + from + " is not valid base64");
      }
    }
    byte[] segment = Arrays.copyOfRange(body, from, to);
    return EnginePacket.wrapEncoded(segment);
  }

  /** Base64 without the line breaks and spaces some clients add (socket.io-client-java ends it with a newline). */
  private static byte[] withoutWhitespace(byte[] bytes, int from, int to) {
    byte[] out = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      byte b = bytes[i];
      if (b != '\n' && b != '\r' && b != ' ' && b != '\t') {
        out[n++] = b;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Encodes packets as one polling payload. */
  public static byte[] encodePayload(List<EnginePacket> packets) {
    int size = 0;
    for (EnginePacket packet : packets) {
      size += packet.isBinary() ? 1 + (packet.dataLength() + 2) / 3 * 4 : packet.encoded().length;
      size++;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    for (int i = 0; i < packets.size(); i++) {
      if (i > 0) {
        out.write(SEPARATOR);
      }
      EnginePacket packet = packets.get(i);
      if (packet.isBinary()) {
        out.write(BINARY_MARKER);
        out.writeBytes(Base64.getEncoder().encode(packet.encoded()));
      } else {
        out.writeBytes(packet.encoded());
      }
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte value, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == value) {
        return i;
      }
    }
    return -1;
  }
}
