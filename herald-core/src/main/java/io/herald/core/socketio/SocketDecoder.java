package io.herald.core.socketio;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EnginePacket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes the Engine.IO messages of one connection into Socket.IO packets. Stateful: a BINARY_EVENT or
 * BINARY_ACK is returned only once all of its attachments have arrived. Not thread-safe.
 */
public final class SocketDecoder {
  /** Event names the Socket.IO client reserves for itself. */
  public static final Set<String> RESERVED_EVENTS =
      Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");
  private static final int MAX_ID_DIGITS = 15;

  private final int maxAttachments;
  private final long maxAttachmentBytes;
  private final int maxEventNameLength;
  private SocketPacket pending;
  private int expected;
  private List<byte[]> attachments;
  private long attachmentBytes;

  /** A decoder whose packets may carry {@code maxAttachments} attachments of any total size. */
  public SocketDecoder(int maxAttachments) {
    this(maxAttachments, Long.MAX_VALUE);
  }

  /**
   * @param maxAttachments how many binary attachments one packet may carry
   * @param maxAttachmentBytes how many bytes the attachments of one packet may hold together
   */
  public SocketDecoder(int maxAttachments, long maxAttachmentBytes) {
    this(maxAttachments, maxAttachmentBytes, Integer.MAX_VALUE);
  }

  /**
   * @param maxAttachments how many binary attachments one packet may carry
   * @param maxAttachmentBytes how many bytes the attachments of one packet may hold together
   * @param maxEventNameLength how many characters an event name may have; a longer one makes the packet invalid
   */
  public SocketDecoder(int maxAttachments, long maxAttachmentBytes, int maxEventNameLength) {
    if (maxEventNameLength <= 0) {
      throw new IllegalArgumentException("maxEventNameLength: " + maxEventNameLength + " (expected: > 0)");
    }
    if (maxAttachments < 0) {
      throw new IllegalArgumentException("maxAttachments: " + maxAttachments + " (expected: >= 0)");
    }
    if (maxAttachmentBytes <= 0) {
      throw new IllegalArgumentException("maxAttachmentBytes: " + maxAttachmentBytes + " (expected: > 0)");
    }
    this.maxAttachments = maxAttachments;
    this.maxAttachmentBytes = maxAttachmentBytes;
    this.maxEventNameLength = maxEventNameLength;
  }

  /**
   * Takes one Engine.IO MESSAGE.
   *
   * @return the complete packet, or {@code null} while attachments are still expected
   * @throws SocketCodecException if the message is not valid here
   */
  public SocketPacket decode(EnginePacket message) {
    if (message.isBinary()) {
      if (pending == null) {
        throw new SocketCodecException("binary message without a packet expecting attachments");
      }
      attachmentBytes += message.dataLength();
      if (attachmentBytes > maxAttachmentBytes) {
        throw new SocketCodecException("attachments of one packet exceed " + maxAttachmentBytes + " bytes");
      }
      attachments.add(message.data());
      if (attachments.size() < expected) {
        return null;
      }
      SocketPacket packet = pending;
      List<byte[]> parts = attachments;
      pending = null;
      attachments = null;
      return new SocketPacket(packet.type(), packet.namespace(), packet.id(),
          reconstruct((JsonNode) packet.data(), parts));
    }
    if (pending != null) {
      throw new SocketCodecException("text message while " + (expected - attachments.size())
          + " attachment(s) are still expected");
    }
    return decodeText(message.encoded(), message.dataOffset());
  }

  private SocketPacket decodeText(byte[] bytes, int start) {
    int end = bytes.length;
    if (start >= end) {
      throw new SocketCodecException("empty packet (expected: a type digit 0-6)");
    }
    int i = start;
    SocketPacketType type = SocketPacketType.ofDigit(bytes[i++]);

    int attachmentCount = 0;
    if (type.isBinary()) {
      int digitsStart = i;
      while (i < end && isDigit(bytes[i])) {
        i++;
      }
      if (i == digitsStart || i - digitsStart > 9 || i >= end || bytes[i] != '-') {
        throw new SocketCodecException("illegal attachments count");
      }
      attachmentCount = Integer.parseInt(new String(bytes, digitsStart, i - digitsStart, StandardCharsets.US_ASCII));
      if (attachmentCount > maxAttachments) {
        throw new SocketCodecException("too many attachments: " + attachmentCount + " (at most " + maxAttachments + ")");
      }
      i++;
    }

    String namespace = "/";
    if (i < end && bytes[i] == '/') {
      int nspStart = i;
      while (i < end && bytes[i] != ',') {
        i++;
      }
      namespace = new String(bytes, nspStart, i - nspStart, StandardCharsets.UTF_8);
      if (i < end) {
        i++;
      }
    }

    long id = SocketPacket.NO_ID;
    if (i < end && isDigit(bytes[i])) {
      int idStart = i;
      while (i < end && isDigit(bytes[i])) {
        i++;
      }
      if (i - idStart > MAX_ID_DIGITS) {
        throw new SocketCodecException("ack id longer than " + MAX_ID_DIGITS + " digits");
      }
      id = Long.parseLong(new String(bytes, idStart, i - idStart, StandardCharsets.US_ASCII));
    }

    JsonNode data = null;
    if (i < end) {
      try {
        data = PayloadMapper.get().readTree(bytes, i, end - i);
      } catch (JacksonException e) {
        throw new SocketCodecException("invalid payload: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw new SocketCodecException("invalid payload");
      }
    }
    validate(type, id, data);

    SocketPacket packet = new SocketPacket(type, namespace, id, data);
    if (attachmentCount == 0) {
      if (type.isBinary()) {
        return new SocketPacket(type, namespace, id, reconstruct(data, List.of()));
      }
      return packet;
    }
    pending = packet;
    expected = attachmentCount;
    attachments = new ArrayList<>(Math.min(attachmentCount, 16)); // a count the client claims, not yet sent
    attachmentBytes = 0;
    return null;
  }

  private void validate(SocketPacketType type, long id, JsonNode data) {
    boolean valid = switch (type) {
      case CONNECT -> data == null || data.isObject();
      case DISCONNECT -> data == null;
      case CONNECT_ERROR -> data != null && (data.isTextual() || data.isObject());
      case EVENT, BINARY_EVENT -> data instanceof ArrayNode array && !array.isEmpty()
          && (array.get(0).isNumber() || (array.get(0).isTextual() && !RESERVED_EVENTS.contains(array.get(0).asText())));
      case ACK, BINARY_ACK -> id != SocketPacket.NO_ID && data instanceof ArrayNode;
    };
    if (!valid) {
      throw new SocketCodecException("invalid payload for " + type);
    }
    boolean event = type == SocketPacketType.EVENT || type == SocketPacketType.BINARY_EVENT;
    if (event && data.get(0).isTextual() && data.get(0).textValue().length() > maxEventNameLength) {
      throw new SocketCodecException("event name of " + data.get(0).textValue().length()
          + " characters (expected: at most " + maxEventNameLength + ")");
    }
  }

  /** Puts every attachment where its placeholder stands. */
  private static JsonNode reconstruct(JsonNode node, List<byte[]> parts) {
    if (node instanceof ObjectNode object) {
      JsonNode flag = object.get("_placeholder");
      if (flag != null && flag.isBoolean() && flag.booleanValue()) {
        JsonNode num = object.get("num");
        if (num == null || !num.isInt() || num.intValue() < 0 || num.intValue() >= parts.size()) {
          throw new SocketCodecException("illegal attachment placeholder (num: "
              + (num == null ? "missing" : abbreviate(num.toString())) + ")");
        }
        return BinaryNode.valueOf(parts.get(num.intValue()));
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        field.setValue(reconstruct(field.getValue(), parts));
      }
      return object;
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, reconstruct(array.get(i), parts));
      }
      return array;
    }
    return node;
  }

  private static String abbreviate(String text) {
    return text.length() <= 32 ? text : text.substring(0, 32) + "…";
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }
}
