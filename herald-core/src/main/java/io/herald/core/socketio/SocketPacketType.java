package io.herald.core.socketio;

/** The seven Socket.IO v5 packet types, in wire order. */
public enum SocketPacketType {
  CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

  private static final SocketPacketType[] VALUES = values();

  byte digit() {
    return (byte) ('0' + ordinal());
  }

  static SocketPacketType ofDigit(byte digit) {
    int index = digit - '0';
    if (index < 0 || index >= VALUES.length) {
      throw new SocketCodecException("packet type: '" + (char) (digit & 0xff) + "' (expected: 0-6)");
    }
    return VALUES[index];
  }

  boolean isBinary() {
    return this == BINARY_EVENT || this == BINARY_ACK;
  }
}
