package io.herald.core.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.engineio.EnginePacket;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input a client may send that is not a valid Socket.IO packet: each must fail with SocketCodecException. */
class SocketDecoderMalformedInputTest {
  private static final String PLACEHOLDER_0 = TestPayloads.ONE_PLACEHOLDER;

  private final SocketDecoder decoder = new SocketDecoder(10);

  private SocketPacket decode(String socketIoText) {
    return decoder.decode(EnginePacket.message(socketIoText));
  }

  private SocketPacket binary(int... values) {
    return decoder.decode(EnginePacket.binary(TestPayloads.bytes(values)));
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertRejected(String socketIoText) {
    return assertThatThrownBy(() -> decode(socketIoText)).as("decoding %s", socketIoText)
        .isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsEmptyMessage() {
    assertRejected("");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"7", "8[\"x\"]", "999", "x", "/admin,[\"x\"]", "[\"x\"]", " 2[\"x\"]", "é"})
  void rejectsUnknownTypeDigit(String text) {
    assertRejected(text).hasMessageContaining("packet type");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"5", "51", "51[\"x\"]", "5-[\"x\"]", "5a-", "5a-[\"x\"]", "51.23-[\"x\"]", "6-3[]",
      "5 1-[\"x\"]", "51234567890-[\"x\"]", "6/admin,1-[]"})
  void rejectsBadAttachmentsCount(String text) {
    assertRejected(text).hasMessageContaining("attachments");
  }

  @Test
  void rejectsMoreAttachmentsThanMaxAttachments() {
    SocketDecoder limited = new SocketDecoder(2);
    String three = "53-[\"hello\"," + PLACEHOLDER_0 + ",{\"_placeholder\":true,\"num\":1},"
        + "{\"_placeholder\":true,\"num\":2}]";

    assertThatThrownBy(() -> limited.decode(EnginePacket.message(three)))
        .isInstanceOf(SocketCodecException.class)
        .hasMessageContaining("too many attachments");
    assertThatThrownBy(() -> limited.decode(EnginePacket.message("6999999999-1[]")))
        .isInstanceOf(SocketCodecException.class);
  }

  @Test
  void acceptsExactlyMaxAttachments() {
    SocketDecoder limited = new SocketDecoder(2);

    assertThat(limited.decode(EnginePacket.message("52-[\"x\"," + PLACEHOLDER_0 + "]"))).isNull();
    assertThat(limited.decode(EnginePacket.binary(new byte[] {1}))).isNull();
    assertThat(limited.decode(EnginePacket.binary(new byte[] {2}))).isNotNull();
  }

  @Test
  void rejectsEveryBinaryPacketWhenNoAttachmentsAreAllowed() {
    SocketDecoder none = new SocketDecoder(0);

    assertThatThrownBy(() -> none.decode(EnginePacket.message("51-[\"x\"," + PLACEHOLDER_0 + "]")))
        .isInstanceOf(SocketCodecException.class);
    assertThatThrownBy(() -> new SocketDecoder(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2hello", "2[\"x\"", "2{\"a\":}", "2['x']", "2[\"x\",]", "2[NaN]", "2[01]",
      "2/admin,\"invalid", "0{token:1}", "2[\"x\" /* c */]"})
  void rejectsNonJsonPayload(String text) {
    assertRejected(text).hasMessageContaining("invalid payload");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2[\"x\"]]", "2[\"x\"]abc", "2[\"x\"] [\"y\"]", "2[\"x\"]{}", "0{}{}", "3/a,1[]x",
      "4\"a\"\"b\""})
  void rejectsTrailingGarbageAfterJson(String text) {
    assertRejected(text).hasMessageContaining("invalid payload");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"2", "2/admin", "2/admin,", "21", "2{\"a\":1}", "2\"str\"", "2/admin,{}", "2null",
      "242", "2true", "2[]", "2[{\"toString\":\"foo\"}]", "2[true,\"foo\"]", "2[null,\"bar\"]", "2[[\"x\"]]",
      "2 "})
  void rejectsEventWithoutNonEmptyArrayStartingWithStringOrNumber(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for EVENT");
  }

  @Test
  void rejectsEventWhoseNamespaceSwallowedThePayloadForLackOfComma() {
    assertRejected("2/admin[\"x\"]");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"connect", "connect_error", "disconnect", "disconnecting", "newListener",
      "removeListener"})
  void rejectsReservedEventName(String name) {
    assertRejected("2[\"" + name + "\"]").hasMessageContaining("invalid payload for EVENT");
    assertRejected("2/admin,5[\"" + name + "\",\"123\"]");
    assertRejected("51-[\"" + name + "\"," + PLACEHOLDER_0 + "]");
  }

  @Test
  void acceptsEventNamesThatOnlyResembleReservedOnes() {
    assertThat(decode("2[\"Connect\"]")).isNotNull();
    assertThat(decode("2[\"connection\"]")).isNotNull();
    assertThat(decode("2[\"message\"]")).isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"3[\"x\"]", "3/admin,[\"x\"]", "3[]", "61-[" + PLACEHOLDER_0 + "]"})
  void rejectsAckWithoutId(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"31", "31{\"a\":1}", "3/admin,1\"x\"", "31null"})
  void rejectsAckWithoutArrayPayload(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for ACK");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"1{}", "1/admin,{}", "1[]", "1\"bye\"", "1null", "1 "})
  void rejectsDisconnectWithPayload(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for DISCONNECT");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0[]", "0\"invalid\"", "0/admin,\"invalid\"", "0null", "0true", "0/admin,[{}]"})
  void rejectsConnectWithNonObjectPayload(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for CONNECT");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"4", "4/admin,", "4[\"x\"]", "4null", "412"})
  void rejectsConnectErrorWithoutStringOrObjectPayload(String text) {
    assertRejected(text).hasMessageContaining("invalid payload for CONNECT_ERROR");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{\"_placeholder\":true,\"num\":1}", "{\"_placeholder\":true,\"num\":-1}",
      "{\"_placeholder\":true,\"num\":\"0\"}", "{\"_placeholder\":true,\"num\":0.5}",
      "{\"_placeholder\":true,\"num\":0.0}", "{\"_placeholder\":true}", "{\"_placeholder\":true,\"num\":null}",
      "{\"_placeholder\":true,\"num\":4294967296}", "{\"_placeholder\":true,\"num\":[0]}"})
  void rejectsPlaceholderWhoseNumIsOutOfRangeOrNotAnInt(String placeholder) {
    assertThat(decode("51-[\"x\",{\"deep\":[" + placeholder + "]}]")).isNull();

    assertThatThrownBy(() -> binary(1)).isInstanceOf(SocketCodecException.class)
        .hasMessageContaining("placeholder");
  }

  @Test
  void rejectsPlaceholderInBinaryPacketDeclaringNoAttachments() {
    assertRejected("50-[\"x\"," + PLACEHOLDER_0 + "]").hasMessageContaining("placeholder");
  }

  @Test
  void rejectsBinaryMessageWhenNoAttachmentIsExpected() {
    assertThatThrownBy(() -> binary(1, 2, 3)).isInstanceOf(SocketCodecException.class);

    assertThat(decode("2[\"plain\"]")).isNotNull();
    assertThatThrownBy(() -> binary(1)).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsBinaryMessageAfterAllAttachmentsArrived() {
    assertThat(decode("51-[\"x\"," + PLACEHOLDER_0 + "]")).isNull();
    assertThat(binary(1)).isNotNull();

    assertThatThrownBy(() -> binary(2)).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsTextMessageWhileAttachmentsArePending() {
    assertThat(decode("52-[\"x\"," + PLACEHOLDER_0 + ",{\"_placeholder\":true,\"num\":1}]")).isNull();
    assertThat(binary(1)).isNull();

    assertRejected("2[\"interleaved\"]").hasMessageContaining("1 attachment(s) are still expected");
  }

  @Test
  void rejectsAckIdWithTooManyDigits() {
    assertRejected("21234567890123456[\"x\"]").hasMessageContaining("ack id");
    assertRejected("3/admin,99999999999999999999999999[]").hasMessageContaining("ack id");
    assertRejected("61-" + "9".repeat(1000) + "[" + PLACEHOLDER_0 + "]").hasMessageContaining("ack id");
  }

  @Test
  void rejectsTenThousandNestedArraysWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    assertThatThrownBy(() -> decode("2[\"x\"," + deep + "]")).isInstanceOf(SocketCodecException.class);
    assertThatThrownBy(() -> decode("3/a,1" + deep)).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsTenThousandNestedObjectsWithoutStackOverflow() {
    String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);

    assertThatThrownBy(() -> decode("2[\"x\"," + deep + "]")).isInstanceOf(SocketCodecException.class);
    assertThatThrownBy(() -> decode("0" + deep)).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsDeeplyNestedBinaryEventWithoutStackOverflow() {
    String deep = "[".repeat(10_000) + PLACEHOLDER_0 + "]".repeat(10_000);

    assertThatThrownBy(() -> decode("51-[\"x\"," + deep + "]")).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void rejectsUnterminatedDeepNestingWithoutStackOverflow() {
    assertThatThrownBy(() -> decode("2[\"x\"," + "[".repeat(100_000))).isInstanceOf(SocketCodecException.class);
  }

  @Test
  void acceptsModeratelyNestedPayload() {
    String nested = "[".repeat(100) + PLACEHOLDER_0 + "]".repeat(100);

    assertThatCode(() -> decode("2[\"x\"," + "[".repeat(200) + "]".repeat(200) + "]")).doesNotThrowAnyException();
    assertThat(decode("51-[\"x\"," + nested + "]")).isNull();
    assertThat(binary(1)).isNotNull();
  }
}
