package io.herald.core.socketio;

import java.util.Objects;

/**
 * One Socket.IO packet.
 *
 * <p>Decoded packets carry their data as a Jackson tree in which binary attachments stand as
 * {@code BinaryNode}s where their placeholders were. Packets to encode may carry any value the
 * {@link SocketEncoder} can write: maps, lists, arrays, Jackson trees, records and beans, with
 * {@code byte[]}, {@code ByteBuffer} or Vert.x {@code Buffer} anywhere inside as binary attachments.
 *
 * @param type the packet type; EVENT and ACK become their BINARY_ forms when encoded with attachments
 * @param namespace the namespace, {@code /} by default
 * @param id the acknowledgement id, or {@link #NO_ID}
 * @param data the payload, or {@code null} for none
 */
public record SocketPacket(SocketPacketType type, String namespace, long id, Object data) {
  public static final long NO_ID = -1;

  public SocketPacket {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(namespace, "namespace");
  }

  public boolean hasId() {
    return id != NO_ID;
  }

  public static SocketPacket connect(String namespace, Object data) {
    return new SocketPacket(SocketPacketType.CONNECT, namespace, NO_ID, data);
  }

  public static SocketPacket disconnect(String namespace) {
    return new SocketPacket(SocketPacketType.DISCONNECT, namespace, NO_ID, null);
  }

  public static SocketPacket connectError(String namespace, Object data) {
    return new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, NO_ID, data);
  }

  /** An EVENT whose data is the list {@code [event, args...]}. */
  public static SocketPacket event(String namespace, Object eventAndArgs, long id) {
    return new SocketPacket(SocketPacketType.EVENT, namespace, id, eventAndArgs);
  }

  public static SocketPacket ack(String namespace, long id, Object args) {
    return new SocketPacket(SocketPacketType.ACK, namespace, id, args);
  }
}
