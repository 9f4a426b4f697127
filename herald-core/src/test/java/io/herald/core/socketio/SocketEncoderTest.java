package io.herald.core.socketio;

import static io.herald.core.socketio.SocketPacket.NO_ID;
import static io.herald.core.socketio.TestPayloads.list;
import static io.herald.core.socketio.TestPayloads.map;
import static io.herald.core.socketio.TestPayloads.text;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EnginePacket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plain Socket.IO packets: types, namespaces, ack ids and JSON payloads, built and checked as bytes. */
class SocketEncoderTest {
  private static String encodeSingle(SocketPacket packet) {
    List<EnginePacket> packets = SocketEncoder.encode(packet);
    assertThat(packets).hasSize(1);
    return text(packets);
  }


  // ---- packet types, namespaces, ids ---------------------------------------------------------------

  @Test
  void encodesConnectToMainNamespaceAsBareTypeDigit() {
    assertThat(encodeSingle(SocketPacket.connect("/", null))).isEqualTo("40");
  }

  @Test
  void encodesConnectToCustomNamespaceWithoutDataWithTrailingComma() {
    assertThat(encodeSingle(SocketPacket.connect("/admin", null))).isEqualTo("40/admin,");
  }

  @Test
  void encodesConnectWithSessionIdObject() {
    assertThat(encodeSingle(SocketPacket.connect("/admin", map("sid", "oSO0OpakMV_3jnilAAAA"))))
        .isEqualTo("40/admin,{\"sid\":\"oSO0OpakMV_3jnilAAAA\"}");
    assertThat(encodeSingle(SocketPacket.connect("/", map("sid", "wZX3oN0bSVIhsaknAAAI"))))
        .isEqualTo("40{\"sid\":\"wZX3oN0bSVIhsaknAAAI\"}");
  }

  @Test
  void encodesDisconnectWithAndWithoutNamespace() {
    assertThat(encodeSingle(SocketPacket.disconnect("/"))).isEqualTo("41");
    assertThat(encodeSingle(SocketPacket.disconnect("/admin"))).isEqualTo("41/admin,");
  }

  @Test
  void encodesConnectErrorWithMessageAndData() {
    assertThat(encodeSingle(SocketPacket.connectError("/", map("message", "Not authorized"))))
        .isEqualTo("44{\"message\":\"Not authorized\"}");
    assertThat(encodeSingle(SocketPacket.connectError("/admin",
        map("message", "Not authorized", "data", map("code", 401, "retry", false)))))
        .isEqualTo("44/admin,{\"message\":\"Not authorized\",\"data\":{\"code\":401,\"retry\":false}}");
  }

  @Test
  void encodesConnectErrorWithPlainStringMessage() {
    assertThat(encodeSingle(SocketPacket.connectError("/", "Unauthorized"))).isEqualTo("44\"Unauthorized\"");
  }

  @Test
  void encodesEventInMainAndCustomNamespace() {
    assertThat(encodeSingle(SocketPacket.event("/", List.of("foo"), NO_ID))).isEqualTo("42[\"foo\"]");
    assertThat(encodeSingle(SocketPacket.event("/admin", List.of("bar"), NO_ID))).isEqualTo("42/admin,[\"bar\"]");
    assertThat(encodeSingle(SocketPacket.event("/", List.of("hey", "Jude"), NO_ID)))
        .isEqualTo("42[\"hey\",\"Jude\"]");
  }

  @Test
  void encodesEventWithAckIdRightBeforeThePayload() {
    assertThat(encodeSingle(SocketPacket.event("/", List.of("foo"), 12))).isEqualTo("4212[\"foo\"]");
    assertThat(encodeSingle(SocketPacket.event("/admin", List.of("tellme"), 1)))
        .isEqualTo("42/admin,1[\"tellme\"]");
    assertThat(encodeSingle(SocketPacket.event("/", List.of("zero"), 0))).isEqualTo("420[\"zero\"]");
  }

  @Test
  void encodesAckWithIdInMainAndCustomNamespace() {
    assertThat(encodeSingle(SocketPacket.ack("/", 12, List.of()))).isEqualTo("4312[]");
    assertThat(encodeSingle(SocketPacket.ack("/admin", 13, List.of("bar")))).isEqualTo("43/admin,13[\"bar\"]");
    assertThat(encodeSingle(SocketPacket.ack("/nsp", 5, List.of(1, "two")))).isEqualTo("43/nsp,5[1,\"two\"]");
  }

  @Test
  void encodesMultiByteUtf8InNamespaceAndPayloadAsUtf8() {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/café", List.of("€", "日本"), NO_ID));

    assertThat(packets.get(0).encoded()).isEqualTo("42/café,[\"€\",\"日本\"]".getBytes(UTF_8));
  }

  @Test
  void encodesCharactersOutsideBasicPlaneSoThatTheyDecodeBackIntact() {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", List.of("emoji", "😀"), NO_ID));

    // Jackson may write the surrogate pair raw or as a JSON escape pair; both are valid JSON for "😀".
    assertThat(text(packets)).isIn("42[\"emoji\",\"😀\"]", "42[\"emoji\",\"\\uD83D\\uDE00\"]");
    SocketPacket decoded = new SocketDecoder(0).decode(packets.get(0));
    assertThat(((JsonNode) decoded.data()).get(1).textValue()).isEqualTo("😀");
  }

  @Test
  void encodesMapsListsArraysNumbersAndNullsAsJson() {
    Object data = list("data",
        null,
        map("a", 1, "b", list(true, false, null), "c", map("d", "e", "n", null)),
        new String[] {"x", "y"},
        new Object[] {1L, 2.5, new BigDecimal("3.10")},
        new int[] {4, 5},
        List.of(),
        map(),
        "quote\" and \\ and \n");

    assertThat(encodeSingle(SocketPacket.event("/", data, NO_ID))).isEqualTo(
        "42[\"data\",null,{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\",\"n\":null}},[\"x\",\"y\"],"
            + "[1,2.5,3.10],[4,5],[],{},\"quote\\\" and \\\\ and \\n\"]");
  }

  @Test
  void encodesEventArgumentsGivenAsObjectArray() {
    assertThat(encodeSingle(SocketPacket.event("/", new Object[] {"ping", 1}, NO_ID))).isEqualTo("42[\"ping\",1]");
  }

  @Test
  void encodesJacksonTreesAndVertxJsonAsJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode().put("k", "v");
    node.putArray("a").add(1).addNull();
    Object data = list("tree", node, new JsonObject().put("x", 1), new JsonArray().add("y").addNull());

    assertThat(encodeSingle(SocketPacket.event("/", data, NO_ID)))
        .isEqualTo("42[\"tree\",{\"k\":\"v\",\"a\":[1,null]},{\"x\":1},[\"y\",null]]");
  }

  @Test
  void encodesRecordWithoutBinaryAsPlainEvent() {
    record Point(int x, int y) {}

    assertThat(encodeSingle(SocketPacket.event("/", list("move", new Point(3, 4)), NO_ID)))
        .isEqualTo("42[\"move\",{\"x\":3,\"y\":4}]");
  }

  @Test
  void downgradesBinaryTypesWithoutBinaryDataToTheirPlainForms() {
    assertThat(encodeSingle(new SocketPacket(SocketPacketType.BINARY_EVENT, "/", NO_ID, List.of("x"))))
        .isEqualTo("42[\"x\"]");
    assertThat(encodeSingle(new SocketPacket(SocketPacketType.BINARY_ACK, "/a", 7, List.of())))
        .isEqualTo("43/a,7[]");
  }

  @Test
  void rejectsBinaryDataInPacketTypesThatCannotCarryIt() {
    assertThatThrownBy(() -> SocketEncoder.encode(SocketPacket.connect("/", map("key", new byte[] {1}))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SocketEncoder.encode(SocketPacket.connectError("/", map("data", new byte[] {1}))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNamespaceContainingCommaBecauseItCouldNotBeDecodedBack() {
    assertThatThrownBy(() -> SocketEncoder.encode(SocketPacket.event("/a,b", List.of("hello"), NO_ID)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SocketEncoder.encode(SocketPacket.event("/a,b", list("hello", new byte[] {1}), NO_ID)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
