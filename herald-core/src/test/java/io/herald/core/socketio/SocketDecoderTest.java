package io.herald.core.socketio;

import static io.herald.core.socketio.SocketPacket.NO_ID;
import static io.herald.core.socketio.TestPayloads.assertPacket;
import static io.herald.core.socketio.TestPayloads.binaryArray;
import static io.herald.core.socketio.TestPayloads.bytes;
import static io.herald.core.socketio.TestPayloads.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.herald.core.engineio.EngineCodec;
import io.herald.core.engineio.EnginePacket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid Socket.IO input, as bytes a client sends, decoded into packets. */
class SocketDecoderTest {
  private final SocketDecoder decoder = new SocketDecoder(10);

  private SocketPacket decode(String socketIoText) {
    return decoder.decode(EnginePacket.message(socketIoText));
  }

  private SocketPacket binary(int... values) {
    return decoder.decode(EnginePacket.binary(bytes(values)));
  }

  private SocketPacket decodeComplete(String socketIoText) {
    SocketPacket packet = decode(socketIoText);
    assertThat(packet).as("packet decoded from %s", socketIoText).isNotNull();
    return packet;
  }

  // ---- CONNECT / DISCONNECT / CONNECT_ERROR --------------------------------------------------------

  @Test
  void decodesConnectToMainNamespaceFromBareDigit() {
    assertPacket(decodeComplete("0"), SocketPacketType.CONNECT, "/", NO_ID, null);
  }

  @Test
  void decodesConnectToCustomNamespaceWithTrailingCommaAndNoData() {
    assertPacket(decodeComplete("0/admin,"), SocketPacketType.CONNECT, "/admin", NO_ID, null);
  }

  @Test
  void decodesConnectToCustomNamespaceWithoutTrailingCommaLikeNodeParser() {
    assertPacket(decodeComplete("0/admin"), SocketPacketType.CONNECT, "/admin", NO_ID, null);
  }

  @Test
  void decodesConnectWithAuthObject() {
    assertPacket(decodeComplete("0/admin,{\"token\":\"123\"}"), SocketPacketType.CONNECT, "/admin", NO_ID,
        "{\"token\":\"123\"}");
    assertPacket(decodeComplete("0{\"token\":\"abc\",\"nested\":{\"n\":[1,2]}}"), SocketPacketType.CONNECT, "/",
        NO_ID, "{\"token\":\"abc\",\"nested\":{\"n\":[1,2]}}");
  }

  @Test
  void decodesDisconnectWithAndWithoutNamespace() {
    assertPacket(decodeComplete("1"), SocketPacketType.DISCONNECT, "/", NO_ID, null);
    assertPacket(decodeComplete("1/admin,"), SocketPacketType.DISCONNECT, "/admin", NO_ID, null);
    assertPacket(decodeComplete("1/admin"), SocketPacketType.DISCONNECT, "/admin", NO_ID, null);
  }

  @Test
  void decodesConnectErrorWithMessageAndData() {
    assertPacket(decodeComplete("4{\"message\":\"Not authorized\",\"data\":{\"code\":401}}"),
        SocketPacketType.CONNECT_ERROR, "/", NO_ID, "{\"message\":\"Not authorized\",\"data\":{\"code\":401}}");
    assertPacket(decodeComplete("4/admin,{\"message\":\"nope\"}"), SocketPacketType.CONNECT_ERROR, "/admin",
        NO_ID, "{\"message\":\"nope\"}");
  }

  @Test
  void decodesConnectErrorWithPlainString() {
    assertPacket(decodeComplete("4\"Unauthorized\""), SocketPacketType.CONNECT_ERROR, "/", NO_ID,
        "\"Unauthorized\"");
  }

  // ---- EVENT / ACK ----------------------------------------------------------------------------------

  @Test
  void decodesEventInMainNamespace() {
    assertPacket(decodeComplete("2[\"foo\"]"), SocketPacketType.EVENT, "/", NO_ID, "[\"foo\"]");
    assertPacket(decodeComplete("2[\"a\",1,{},null,[true]]"), SocketPacketType.EVENT, "/", NO_ID,
        "[\"a\",1,{},null,[true]]");
  }

  @Test
  void decodesEventInCustomNamespace() {
    assertPacket(decodeComplete("2/admin,[\"x\"]"), SocketPacketType.EVENT, "/admin", NO_ID, "[\"x\"]");
  }

  @Test
  void decodesEventWithIntegerEventName() {
    assertPacket(decodeComplete("2[1,\"a\",{}]"), SocketPacketType.EVENT, "/", NO_ID, "[1,\"a\",{}]");
  }

  @Test
  void decodesEventWithAckId() {
    assertPacket(decodeComplete("21[\"x\"]"), SocketPacketType.EVENT, "/", 1, "[\"x\"]");
    assertPacket(decodeComplete("212[\"foo\"]"), SocketPacketType.EVENT, "/", 12, "[\"foo\"]");
    assertPacket(decodeComplete("20[\"zero\"]"), SocketPacketType.EVENT, "/", 0, "[\"zero\"]");
    assertPacket(decodeComplete("2/admin,1[\"tellme\"]"), SocketPacketType.EVENT, "/admin", 1, "[\"tellme\"]");
  }

  @Test
  void decodesAckIdOfFifteenDigits() {
    assertPacket(decodeComplete("2999999999999999[\"x\"]"), SocketPacketType.EVENT, "/", 999_999_999_999_999L,
        "[\"x\"]");
  }

  @Test
  void decodesAckWithIdInMainAndCustomNamespace() {
    assertPacket(decodeComplete("312[]"), SocketPacketType.ACK, "/", 12, "[]");
    assertPacket(decodeComplete("3/admin,13[\"bar\"]"), SocketPacketType.ACK, "/admin", 13, "[\"bar\"]");
    assertPacket(decodeComplete("3/nsp,5[1,{\"a\":[]}]"), SocketPacketType.ACK, "/nsp", 5, "[1,{\"a\":[]}]");
  }

  @Test
  void decodesMultiByteUtf8NamespaceAndPayload() {
    assertPacket(decodeComplete("2/café,[\"€\",\"😀\"]"), SocketPacketType.EVENT, "/café", NO_ID,
        "[\"€\",\"😀\"]");
  }

  @Test
  void acceptsWhitespaceAroundJsonPayload() {
    assertPacket(decodeComplete("2 [ \"x\" , 1 ] "), SocketPacketType.EVENT, "/", NO_ID, "[\"x\",1]");
  }

  // ---- BINARY_EVENT / BINARY_ACK --------------------------------------------------------------------

  @Test
  void decodesBinaryEventOnceItsAttachmentHasArrived() {
    assertThat(decode("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]")).isNull();
    SocketPacket packet = binary(1, 2, 3, 4);

    assertThat(packet.type()).isEqualTo(SocketPacketType.BINARY_EVENT);
    assertThat(packet.namespace()).isEqualTo("/");
    assertThat(packet.id()).isEqualTo(NO_ID);
    JsonNode data = (JsonNode) packet.data();
    assertThat(data.get(0).asText()).isEqualTo("baz");
    assertThat(data.get(1)).isInstanceOf(BinaryNode.class);
    assertThat(((BinaryNode) data.get(1)).binaryValue()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void decodesBinaryEventWithSeveralAttachmentsInCustomNamespace() {
    assertThat(decode("52-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]"))
        .isNull();
    assertThat(binary(1, 2)).isNull();
    SocketPacket packet = binary(3, 4);

    assertThat(packet.namespace()).isEqualTo("/admin");
    assertThat(packet.data()).isEqualTo(binaryArray("baz", new byte[] {1, 2}, new byte[] {3, 4}));
  }

  @Test
  void decodesBinaryAckWithId() {
    assertThat(decode("61-15[\"bar\",{\"_placeholder\":true,\"num\":0}]")).isNull();
    SocketPacket packet = binary(1, 2, 3, 4);

    assertThat(packet.type()).isEqualTo(SocketPacketType.BINARY_ACK);
    assertThat(packet.id()).isEqualTo(15);
    assertThat(packet.data()).isEqualTo(binaryArray("bar", new byte[] {1, 2, 3, 4}));
  }

  @Test
  void decodesBinaryAckInCustomNamespaceWithPlaceholderAsOnlyArgument() {
    assertThat(decode("61-/admin,1[{\"_placeholder\":true,\"num\":0}]")).isNull();
    SocketPacket packet = binary(7);

    assertThat(packet.type()).isEqualTo(SocketPacketType.BINARY_ACK);
    assertThat(packet.namespace()).isEqualTo("/admin");
    assertThat(packet.id()).isEqualTo(1);
    assertThat(packet.data()).isEqualTo(binaryArray(new byte[] {7}));
  }

  @Test
  void decodesBinaryEventWithPlaceholderAtDepthTwo() {
    assertThat(decode("51-[\"file\",{\"meta\":{\"name\":\"a\"},\"data\":[{\"_placeholder\":true,\"num\":0}]}]"))
        .isNull();
    JsonNode data = (JsonNode) binary(9, 8).data();

    assertThat(data.at("/1/data/0")).isEqualTo(BinaryNode.valueOf(new byte[] {9, 8}));
    assertThat(data.at("/1/meta/name").asText()).isEqualTo("a");
  }

  @Test
  void placesAttachmentsByPlaceholderNumberNotByPosition() {
    assertThat(decode("53-[\"up\",{\"files\":[{\"d\":{\"_placeholder\":true,\"num\":2}},"
        + "{\"d\":{\"x\":[[{\"_placeholder\":true,\"num\":0}]]}}]},{\"_placeholder\":true,\"num\":1}]")).isNull();
    assertThat(binary(0)).isNull();
    assertThat(binary(1)).isNull();
    JsonNode data = (JsonNode) binary(2).data();

    assertThat(data.at("/1/files/0/d")).isEqualTo(BinaryNode.valueOf(new byte[] {2}));
    assertThat(data.at("/1/files/1/d/x/0/0")).isEqualTo(BinaryNode.valueOf(new byte[] {0}));
    assertThat(data.at("/2")).isEqualTo(BinaryNode.valueOf(new byte[] {1}));
  }

  @Test
  void leavesObjectsWhosePlaceholderFlagIsNotTrueAlone() {
    assertThat(decode("51-[\"x\",{\"_placeholder\":\"true\",\"num\":0},{\"_placeholder\":false,\"num\":0},"
        + "{\"_placeholder\":true,\"num\":0}]")).isNull();
    JsonNode data = (JsonNode) binary(5).data();

    assertThat(data.get(1)).isEqualTo(json("{\"_placeholder\":\"true\",\"num\":0}"));
    assertThat(data.get(2)).isEqualTo(json("{\"_placeholder\":false,\"num\":0}"));
    assertThat(data.get(3)).isEqualTo(BinaryNode.valueOf(new byte[] {5}));
  }

  @Test
  void keepsDecodingPlainPacketsAfterBinaryOne() {
    decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(binary(1)).isNotNull();

    assertPacket(decodeComplete("2[\"b\"]"), SocketPacketType.EVENT, "/", NO_ID, "[\"b\"]");
    assertThat(decode("61-3[{\"_placeholder\":true,\"num\":0}]")).isNull();
    assertThat(binary(2).type()).isEqualTo(SocketPacketType.BINARY_ACK);
  }

  @Test
  void decodesBinaryEventArrivingInPollingPayload() {
    String body = "451-[\"baz\",{\"_placeholder\":true,\"num\":0}]\u001ebAQIDBA==\u001e42[\"next\"]";
    List<SocketPacket> decoded = new ArrayList<>();
    for (EnginePacket message : EngineCodec.decodePayload(body.getBytes(StandardCharsets.UTF_8), 10)) {
      SocketPacket packet = decoder.decode(message);
      if (packet != null) {
        decoded.add(packet);
      }
    }

    assertThat(decoded).extracting(SocketPacket::type)
        .containsExactly(SocketPacketType.BINARY_EVENT, SocketPacketType.EVENT);
    assertThat(decoded.get(0).data()).isEqualTo(binaryArray("baz", new byte[] {1, 2, 3, 4}));
  }
}
