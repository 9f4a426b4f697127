package io.herald.core.socketio;

import static io.herald.core.socketio.SocketPacket.NO_ID;
import static io.herald.core.socketio.TestPayloads.assertPacket;
import static io.herald.core.socketio.TestPayloads.bytes;
import static io.herald.core.socketio.TestPayloads.list;
import static io.herald.core.socketio.TestPayloads.map;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EnginePacket;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Encoding then decoding gives the same packet, with BinaryNodes where the binary values were. */
class SocketCodecRoundTripTest {
  private final SocketDecoder decoder = new SocketDecoder(10);

  private SocketPacket decode(String socketIoText) {
    return decoder.decode(EnginePacket.message(socketIoText));
  }

  private SocketPacket binary(int... values) {
    return decoder.decode(EnginePacket.binary(bytes(values)));
  }

  private SocketPacket roundTrip(SocketPacket packet) {
    List<EnginePacket> messages = SocketEncoder.encode(packet);
    SocketPacket result = null;
    for (int i = 0; i < messages.size(); i++) {
      result = decoder.decode(messages.get(i));
      if (i < messages.size() - 1) {
        assertThat(result).isNull();
      }
    }
    assertThat(result).isNotNull();
    return result;
  }

  @Test
  void roundTripsEveryPlainPacketType() {
    assertPacket(roundTrip(SocketPacket.connect("/", null)), SocketPacketType.CONNECT, "/", NO_ID, null);
    assertPacket(roundTrip(SocketPacket.connect("/admin", map("token", "t"))), SocketPacketType.CONNECT, "/admin",
        NO_ID, "{\"token\":\"t\"}");
    assertPacket(roundTrip(SocketPacket.disconnect("/admin")), SocketPacketType.DISCONNECT, "/admin", NO_ID, null);
    assertPacket(roundTrip(SocketPacket.event("/chat", list("msg", "hi", 3), 42)), SocketPacketType.EVENT, "/chat",
        42, "[\"msg\",\"hi\",3]");
    assertPacket(roundTrip(SocketPacket.ack("/", 7, list())), SocketPacketType.ACK, "/", 7, "[]");
    assertPacket(roundTrip(SocketPacket.connectError("/", map("message", "m", "data", map("a", 1)))),
        SocketPacketType.CONNECT_ERROR, "/", NO_ID, "{\"message\":\"m\",\"data\":{\"a\":1}}");
  }

  @Test
  void roundTripsBinaryEventWithBinaryNodesWhereTheBinaryValuesWere() {
    Object data = list("upload",
        map("name", "a.bin", "parts", list(new byte[] {1}, ByteBuffer.wrap(new byte[] {2, 2}))),
        list(list(Buffer.buffer(new byte[] {3, 3, 3}))),
        null,
        map("nested", map("deeper", map("bin", BinaryNode.valueOf(new byte[] {4})))));

    SocketPacket packet = roundTrip(SocketPacket.event("/files", data, 9));

    assertThat(packet.type()).isEqualTo(SocketPacketType.BINARY_EVENT);
    assertThat(packet.namespace()).isEqualTo("/files");
    assertThat(packet.id()).isEqualTo(9);
    ArrayNode expected = JsonNodeFactory.instance.arrayNode();
    expected.add("upload");
    ObjectNode file = expected.addObject().put("name", "a.bin");
    file.putArray("parts").add(BinaryNode.valueOf(new byte[] {1})).add(BinaryNode.valueOf(new byte[] {2, 2}));
    expected.addArray().addArray().add(BinaryNode.valueOf(new byte[] {3, 3, 3}));
    expected.addNull();
    expected.addObject().putObject("nested").putObject("deeper").set("bin", BinaryNode.valueOf(new byte[] {4}));
    assertThat(packet.data()).isEqualTo(expected);
  }

  @Test
  void roundTripsBinaryAckFromRecord() {
    SocketPacket packet = roundTrip(SocketPacket.ack("/", 3, list(new TestPayloads.Upload("f", new byte[] {8}))));

    assertThat(packet.type()).isEqualTo(SocketPacketType.BINARY_ACK);
    assertThat(packet.id()).isEqualTo(3);
    assertThat(((JsonNode) packet.data()).at("/0/content")).isEqualTo(BinaryNode.valueOf(new byte[] {8}));
    assertThat(((JsonNode) packet.data()).at("/0/name").asText()).isEqualTo("f");
  }

  @Test
  void roundTripsDecodedBinaryDataWhenEncodedAgain() {
    decode("51-[\"echo\",{\"b\":{\"_placeholder\":true,\"num\":0}}]");
    SocketPacket received = binary(6, 6);

    List<EnginePacket> echoed = SocketEncoder.encode(SocketPacket.event("/", received.data(), NO_ID));

    assertThat(new String(echoed.get(0).encoded(), StandardCharsets.UTF_8))
        .isEqualTo("451-[\"echo\",{\"b\":{\"_placeholder\":true,\"num\":0}}]");
    assertThat(echoed.get(1).data()).containsExactly(6, 6);
  }
}
