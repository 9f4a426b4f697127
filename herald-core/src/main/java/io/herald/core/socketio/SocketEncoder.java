package io.herald.core.socketio;

import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EnginePacketType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes Socket.IO packets into the Engine.IO MESSAGE packets that carry them: one text packet, followed
 * by one binary packet per attachment. The result can be sent to any number of connections.
 */
public final class SocketEncoder {
  private SocketEncoder() {}

  public static List<EnginePacket> encode(SocketPacket packet) {
    byte[] json = null;
    List<byte[]> attachments = List.of();
    if (packet.data() != null) {
      PayloadWriter writer = new PayloadWriter();
      json = writer.write(packet.data());
      attachments = writer.attachments();
    }
    SocketPacketType type = packet.type();
    if (!attachments.isEmpty()) {
      type = switch (type) {
        case EVENT, BINARY_EVENT -> SocketPacketType.BINARY_EVENT;
        case ACK, BINARY_ACK -> SocketPacketType.BINARY_ACK;
        default -> throw new IllegalArgumentException(type + " packets cannot carry binary data");
      };
    } else if (type.isBinary()) {
      type = type == SocketPacketType.BINARY_EVENT ? SocketPacketType.EVENT : SocketPacketType.ACK;
    }
    byte[] text = assemble(type, attachments.size(), packet.namespace(), packet.id(), json);
    EnginePacket head = EnginePacket.wrapEncoded(text);
    if (attachments.isEmpty()) {
      return List.of(head);
    }
    List<EnginePacket> packets = new ArrayList<>(attachments.size() + 1);
    packets.add(head);
    for (byte[] attachment : attachments) {
      packets.add(EnginePacket.binary(attachment));
    }
    return List.copyOf(packets);
  }

  private static byte[] assemble(SocketPacketType type, int attachments, String namespace, long id, byte[] json) {
    StringBuilder header = new StringBuilder(16);
    header.append((char) EnginePacketType.MESSAGE.digit()).append((char) type.digit());
    if (attachments > 0) {
      header.append(attachments).append('-');
    }
    if (!"/".equals(namespace)) {
      if (namespace.indexOf(',') >= 0) {
        throw new IllegalArgumentException("invalid namespace: " + namespace + " (must not contain a comma)");
      }
      header.append(namespace).append(',');
    }
    if (id >= 0) {
      header.append(id);
    }
    byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
    if (json == null) {
      return head;
    }
    byte[] all = new byte[head.length + json.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(json, 0, all, head.length, json.length);
    return all;
  }
}
