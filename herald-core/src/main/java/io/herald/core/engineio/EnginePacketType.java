package io.herald.core.engineio;

/** The seven Engine.IO v4 packet types, with the digit each is written as. */
public enum EnginePacketType {
  OPEN, CLOSE, PING, PONG, MESSAGE, UPGRADE, NOOP;

  private static final EnginePacketType[] VALUES = values();

  /** The ASCII digit that starts a text-encoded packet of this type. */
  public byte digit() {
    return (byte) ('0' + ordinal());
  }

  static EnginePacketType ofDigit(byte digit) {
    int index = digit - '0';
    if (index < 0 || index >= VALUES.length) {
      throw new EngineCodecException("packet type: '" + (char) (digit & 0xff) + "' (expected: 0-6)");
    }
    return VALUES[index];
  }
}
