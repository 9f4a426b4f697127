package io.herald.core.engineio;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineCodecTest {
  private static final String RS = "\u001e";
  private static final int MAX = 100;

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private static String wire(byte[] bytes) {
    return new String(bytes, UTF_8);
  }

  // ---- single packets -----------------------------------------------------------------------------

  static Stream<Arguments> textPacketsOfEveryType() {
    return Stream.of(
        Arguments.of("0{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"]}", EnginePacketType.OPEN,
            "{\"sid\":\"lv_VI97HAXpY6yYWAAAC\",\"upgrades\":[\"websocket\"]}"),
        Arguments.of("1", EnginePacketType.CLOSE, ""),
        Arguments.of("2", EnginePacketType.PING, ""),
        Arguments.of("2probe", EnginePacketType.PING, "probe"),
        Arguments.of("3", EnginePacketType.PONG, ""),
        Arguments.of("3probe", EnginePacketType.PONG, "probe"),
        Arguments.of("4hello", EnginePacketType.MESSAGE, "hello"),
        Arguments.of("4", EnginePacketType.MESSAGE, ""),
        Arguments.of("5", EnginePacketType.UPGRADE, ""),
        Arguments.of("6", EnginePacketType.NOOP, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textPacketsOfEveryType")
  void decodesTextPacketOfEveryTypeFromItsWireForm(String wire, EnginePacketType type, String data) {
    EnginePacket packet = EngineCodec.decodeText(utf8(wire));

    assertThat(packet.type()).isEqualTo(type);
    assertThat(packet.isBinary()).isFalse();
    assertThat(packet.text()).isEqualTo(data);
    assertThat(packet.data()).isEqualTo(utf8(data));
    assertThat(packet.dataOffset()).isEqualTo(1);
    assertThat(packet.dataLength()).isEqualTo(utf8(data).length);
    assertThat(packet.encoded()).isEqualTo(utf8(wire));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("textPacketsOfEveryType")
  void encodesTextPacketOfEveryTypeAsTypeDigitFollowedByData(String wire, EnginePacketType type, String data) {
    assertThat(wire(EnginePacket.text(type, data).encoded())).isEqualTo(wire);
  }

  @Test
  void encodesDataLessPacketsAsTheirTypeDigitAlone() {
    for (EnginePacketType type : EnginePacketType.values()) {
      assertThat(wire(EnginePacket.of(type).encoded())).isEqualTo(String.valueOf(type.ordinal()));
    }
  }

  @Test
  void typeDigitsFollowTheEngineIoNumbering() {
    assertThat(EnginePacketType.values()).extracting(t -> (char) t.digit())
        .containsExactly('0', '1', '2', '3', '4', '5', '6');
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"7", "9hello", "a", "b", "bAQIDBA==", "-1", " 4", "{}", "\u00e94"})
  void rejectsTextPacketWithUnknownTypeDigit(String wire) {
    assertThatThrownBy(() -> EngineCodec.decodeText(utf8(wire))).isInstanceOf(EngineCodecException.class);
  }

  @Test
  void rejectsEmptyTextPacket() {
    assertThatThrownBy(() -> EngineCodec.decodeText(new byte[0])).isInstanceOf(EngineCodecException.class);
  }

  @Test
  void decodesMultiByteUtf8TextMessage() {
    String text = "héllo € 日本 😀";
    EnginePacket packet = EngineCodec.decodeText(utf8("4" + text));

    assertThat(packet.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(packet.text()).isEqualTo(text);
    assertThat(packet.dataLength()).isEqualTo(utf8(text).length).isGreaterThan(text.length());
  }

  @Test
  void decodesWebSocketBinaryFrameAsBinaryMessageWithRawBytes() {
    byte[] data = {1, 2, 3, 4};
    EnginePacket packet = EngineCodec.decodeBinary(data);

    assertThat(packet.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(packet.isBinary()).isTrue();
    assertThat(packet.data()).containsExactly(1, 2, 3, 4);
    assertThat(packet.encoded()).containsExactly(1, 2, 3, 4);
    assertThat(packet.dataOffset()).isZero();
    assertThat(packet.dataLength()).isEqualTo(4);
    assertThatThrownBy(packet::text).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void decodesBinaryFrameThatLooksLikeTextAsBinaryNotAsText() {
    EnginePacket packet = EngineCodec.decodeBinary(utf8("2probe"));

    assertThat(packet.isBinary()).isTrue();
    assertThat(packet.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(packet.data()).isEqualTo(utf8("2probe"));
  }

  @Test
  void decodesEmptyBinaryFrameAsEmptyBinaryMessage() {
    EnginePacket packet = EngineCodec.decodeBinary(new byte[0]);

    assertThat(packet.isBinary()).isTrue();
    assertThat(packet.data()).isEmpty();
  }

  // ---- polling payloads: decoding -----------------------------------------------------------------

  @Test
  void decodesPayloadOfSingleTextPacket() {
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8("4hello"), MAX);

    assertThat(packets).singleElement().satisfies(p -> {
      assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
      assertThat(p.text()).isEqualTo("hello");
    });
  }

  @Test
  void decodesPayloadOfSeveralTextPacketsSeparatedByRecordSeparator() {
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8("4hello" + RS + "2" + RS + "4world"), MAX);

    assertThat(packets).extracting(EnginePacket::type)
        .containsExactly(EnginePacketType.MESSAGE, EnginePacketType.PING, EnginePacketType.MESSAGE);
    assertThat(packets).extracting(EnginePacket::text).containsExactly("hello", "", "world");
    assertThat(packets).noneMatch(EnginePacket::isBinary);
  }

  @Test
  void decodesPayloadOfTextThenBase64BinaryPacket() {
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8("4hello" + RS + "bAQIDBA=="), MAX);

    assertThat(packets).hasSize(2);
    assertThat(packets.get(0).text()).isEqualTo("hello");
    assertThat(packets.get(1).isBinary()).isTrue();
    assertThat(packets.get(1).type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(packets.get(1).data()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void decodesPayloadMixingTextAndBinaryPacketsInAnyOrder() {
    String body = "bAAE=" + RS + "451-[\"baz\",{\"_placeholder\":true,\"num\":0}]" + RS + "b/w==" + RS + "3" + RS
        + "b" + RS + "6";
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8(body), MAX);

    assertThat(packets).extracting(EnginePacket::isBinary).containsExactly(true, false, true, false, true, false);
    assertThat(packets.get(0).data()).containsExactly(0, 1);
    assertThat(packets.get(1).text()).isEqualTo("51-[\"baz\",{\"_placeholder\":true,\"num\":0}]");
    assertThat(packets.get(2).data()).containsExactly(0xff);
    assertThat(packets.get(3).type()).isEqualTo(EnginePacketType.PONG);
    assertThat(packets.get(4).data()).isEmpty();
    assertThat(packets.get(5).type()).isEqualTo(EnginePacketType.NOOP);
  }

  @Test
  void decodesUnpaddedBase64LikeNodeDoes() {
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8("bAQIDBA"), MAX);

    assertThat(packets).singleElement().satisfies(p -> assertThat(p.data()).containsExactly(1, 2, 3, 4));
  }

  @Test
  void decodesPayloadWithMultiByteUtf8TextIntact() {
    String body = "4héllo €" + RS + "4日本語 😀" + RS + "4ü";
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8(body), MAX);

    assertThat(packets).extracting(EnginePacket::text).containsExactly("héllo €", "日本語 😀", "ü");
  }

  @Test
  void decodesPayloadOfExactlyMaxPackets() {
    assertThat(EngineCodec.decodePayload(utf8("2" + RS + "3" + RS + "4x"), 3)).hasSize(3);
    assertThat(EngineCodec.decodePayload(utf8("4x"), 1)).hasSize(1);
  }

  // ---- polling payloads: malformed -----------------------------------------------------------------

  @Test
  void rejectsEmptyPayload() {
    assertThatThrownBy(() -> EngineCodec.decodePayload(new byte[0], MAX))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("empty payload");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {RS, RS + RS, RS + "4hello", "4hello" + RS + RS + "4world", "4hello" + RS})
  void rejectsPayloadWithEmptySegment(String body) {
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8(body), MAX)).isInstanceOf(EngineCodecException.class);
  }

  @Test
  void rejectsPayloadWithTrailingSeparator() {
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8("4a" + RS + "4b" + RS), MAX))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("empty packet");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"7", "4hello" + RS + "9", "4hello" + RS + "x2", "4a" + RS + "-1"})
  void rejectsPayloadWithBadTypeDigit(String body) {
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8(body), MAX))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("packet type");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"b!!!!", "bA", "bAQIDBA==x", "4hello" + RS + "b*", "bAQ==AA"})
  void rejectsPayloadWithBadBase64(String body) {
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8(body), MAX))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("base64");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"bAQIDBA==\n", "bAQID BA==", "bAQIDBA==\r\n"})
  void acceptsBase64WithLineBreaksAndSpacesAsClientsSendIt(String body) {
    List<EnginePacket> packets = EngineCodec.decodePayload(utf8(body), MAX);
    assertThat(packets).hasSize(1);
    assertThat(packets.get(0).data()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void rejectsPayloadWithMorePacketsThanMaxPackets() {
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8("2" + RS + "3" + RS + "4x"), 2))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("more than 2 packets");
    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8("4a" + RS + "bAQ=="), 1))
        .isInstanceOf(EngineCodecException.class);
  }

  @Test
  void rejectsHugeNumberOfTinyPacketsWithoutDecodingThemAll() {
    String body = ("6" + RS).repeat(1_000_000) + "6";

    assertThatThrownBy(() -> EngineCodec.decodePayload(utf8(body), 1000))
        .isInstanceOf(EngineCodecException.class)
        .hasMessageContaining("more than 1000 packets");
  }

  // ---- polling payloads: encoding ------------------------------------------------------------------

  @Test
  void encodesTextAndBinaryPacketAsSpecExample() {
    byte[] payload = EngineCodec.encodePayload(
        List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4})));

    assertThat(payload).isEqualTo(utf8("4hello" + RS + "bAQIDBA=="));
  }

  @Test
  void encodesSinglePacketWithoutSeparator() {
    assertThat(EngineCodec.encodePayload(List.of(EnginePacket.of(EnginePacketType.NOOP)))).isEqualTo(utf8("6"));
    assertThat(EngineCodec.encodePayload(List.of(EnginePacket.binary(new byte[] {1, 2, 3}))))
        .isEqualTo(utf8("bAQID"));
  }

  @Test
  void encodesSeveralMixedPacketsWithSeparatorsBetweenOnly() {
    byte[] payload = EngineCodec.encodePayload(List.of(
        EnginePacket.of(EnginePacketType.PING),
        EnginePacket.message("51-[\"x\",{\"_placeholder\":true,\"num\":0}]"),
        EnginePacket.binary(new byte[] {(byte) 0xff, 0x00}),
        EnginePacket.binary(new byte[0]),
        EnginePacket.text(EnginePacketType.CLOSE, "")));

    assertThat(wire(payload)).isEqualTo(
        "2" + RS + "451-[\"x\",{\"_placeholder\":true,\"num\":0}]" + RS + "b/wA=" + RS + "b" + RS + "1");
  }

  @Test
  void encodesEmptyPacketListAsEmptyBody() {
    assertThat(EngineCodec.encodePayload(List.of())).isEmpty();
  }

  @Test
  void encodesMultiByteUtf8TextAsItsUtf8Bytes() {
    byte[] payload = EngineCodec.encodePayload(List.of(EnginePacket.message("€"), EnginePacket.message("😀")));

    assertThat(payload).containsExactly(
        '4', 0xe2, 0x82, 0xac, 0x1e, '4', 0xf0, 0x9f, 0x98, 0x80);
  }

  @Test
  void encodedPayloadDecodesBackToTheSamePackets() {
    byte[] blob = new byte[256];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (byte) i;
    }
    List<EnginePacket> original = List.of(
        EnginePacket.text(EnginePacketType.OPEN, "{\"sid\":\"abc\"}"),
        EnginePacket.message("héllo 😀"),
        EnginePacket.binary(blob),
        EnginePacket.binary(new byte[] {7}),
        EnginePacket.of(EnginePacketType.NOOP));

    List<EnginePacket> decoded = EngineCodec.decodePayload(EngineCodec.encodePayload(original), MAX);

    assertThat(decoded).hasSameSizeAs(original);
    for (int i = 0; i < original.size(); i++) {
      assertThat(decoded.get(i).type()).isEqualTo(original.get(i).type());
      assertThat(decoded.get(i).isBinary()).isEqualTo(original.get(i).isBinary());
      assertThat(decoded.get(i).encoded()).isEqualTo(original.get(i).encoded());
    }
  }
}
