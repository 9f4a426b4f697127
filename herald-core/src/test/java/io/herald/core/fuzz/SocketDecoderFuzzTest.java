package io.herald.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.herald.core.engineio.EngineCodec;
import io.herald.core.engineio.EngineCodecException;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EnginePacketType;
import io.herald.core.socketio.SocketCodecException;
import io.herald.core.socketio.SocketDecoder;
import io.herald.core.socketio.SocketPacket;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the stateful {@link SocketDecoder} with sequences of Engine.IO messages, framed as a polling body
 * ({@code 0x1e} between packets, {@code b<base64>} for a binary attachment) so that seeds are real client traffic.
 * Every MESSAGE goes to one decoder, in order, as {@code EngineSession} would hand it over; the sequence ends at the
 * first {@link SocketCodecException}, since the connection is then closed.
 *
 * <p>Contract: only {@link SocketCodecException} escapes; a decoded packet satisfies the Socket.IO rules the decoder
 * promises (event name, ack id, namespace); a binary packet is returned only after all its attachments arrived, with
 * no placeholder left; memory stays proportional to the input, even with a huge {@code maxAttachments}.
 *
 * <p>Seeds: {@code src/test/resources/io/herald/core/fuzz/SocketDecoderFuzzTestInputs/}.
 */
class SocketDecoderFuzzTest {
  /** An operator may lift the attachments limit; a client claiming a huge count must still cost nothing. */
  static final int MAX_ATTACHMENTS = Integer.MAX_VALUE;
  static final long MAX_ATTACHMENT_BYTES = 64 * 1024;
  private static final long MAX_ID = 999_999_999_999_999L;

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  void decodesMessageSequencesOrRejectsThemWithSocketCodecException(byte[] input) {
    decodeAll(input);
  }

  static void decodeAll(byte[] input) {
    List<EnginePacket> messages;
    try {
      messages = EngineCodec.decodePayload(input, Integer.MAX_VALUE);
    } catch (EngineCodecException e) {
      return;
    }
    SocketDecoder decoder = new SocketDecoder(MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES);
    int binariesSincePacket = 0;
    for (EnginePacket message : messages) {
      if (message.type() != EnginePacketType.MESSAGE) {
        continue;
      }
      SocketPacket packet;
      try {
        packet = decoder.decode(message);
      } catch (SocketCodecException e) {
        return;
      }
      binariesSincePacket += message.isBinary() ? 1 : 0;
      if (packet != null) {
        checkPacket(packet, binariesSincePacket);
        binariesSincePacket = 0;
      }
    }
  }

  private static void checkPacket(SocketPacket packet, int attachmentsReceived) {
    assertThat(packet.namespace()).startsWith("/");
    assertThat(packet.id()).isBetween(SocketPacket.NO_ID, MAX_ID);
    JsonNode data = (JsonNode) packet.data();
    switch (packet.type()) {
      case CONNECT -> assertThat(data == null || data.isObject()).isTrue();
      case DISCONNECT -> assertThat(data).isNull();
      case CONNECT_ERROR -> assertThat(data.isTextual() || data.isObject()).isTrue();
      case EVENT, BINARY_EVENT -> {
        assertThat(data).isInstanceOf(ArrayNode.class).isNotEmpty();
        JsonNode name = data.get(0);
        assertThat(name.isNumber() || name.isTextual() && !SocketDecoder.RESERVED_EVENTS.contains(name.asText()))
            .as("event name %s", name).isTrue();
      }
      case ACK, BINARY_ACK -> {
        assertThat(packet.hasId()).isTrue();
        assertThat(data).isInstanceOf(ArrayNode.class);
      }
    }
    switch (packet.type()) {
      case BINARY_EVENT, BINARY_ACK -> assertThat(hasPlaceholder(data)).as("placeholder left in %s", data).isFalse();
      default -> assertThat(attachmentsReceived).isZero();
    }
  }

  private static boolean hasPlaceholder(JsonNode node) {
    if (node.isObject()) {
      JsonNode flag = node.get("_placeholder");
      if (flag != null && flag.isBoolean() && flag.booleanValue()) {
        return true;
      }
    }
    for (JsonNode child : node) {
      if (hasPlaceholder(child)) {
        return true;
      }
    }
    return false;
  }
}
