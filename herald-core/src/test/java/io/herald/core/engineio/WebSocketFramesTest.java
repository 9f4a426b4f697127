package io.herald.core.engineio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.engineio.WebSocketFrames.Header;
import io.herald.core.engineio.WebSocketFrames.WebSocketProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebSocketFramesTest {
  @Test
  void frameHeaderUsesTheShortestLengthEncoding() {
    assertThat(WebSocketFrames.frame(WebSocketFrames.OP_TEXT, new byte[125])).hasSize(127)
        .startsWith((byte) 0x81, (byte) 125);
    assertThat(WebSocketFrames.frame(WebSocketFrames.OP_TEXT, new byte[126])).hasSize(130)
        .startsWith((byte) 0x81, (byte) 126, (byte) 0, (byte) 126);
    assertThat(WebSocketFrames.frame(WebSocketFrames.OP_BINARY, new byte[65_535])).hasSize(65_539)
        .startsWith((byte) 0x82, (byte) 126, (byte) 0xFF, (byte) 0xFF);
    assertThat(WebSocketFrames.frame(WebSocketFrames.OP_BINARY, new byte[65_536])).hasSize(65_546)
        .startsWith((byte) 0x82, (byte) 127, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 0,
            (byte) 0);
  }

  @Test
  void packetFrameCarriesTheEncodedPacket() {
    byte[] frame = EnginePacket.message("hi").webSocketFrame();
    assertThat(frame).containsExactly(0x81, 3, '4', 'h', 'i');
  }

  @Test
  void headerIsNullUntilItHasFullyArrived() {
    ByteBuf in = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0xFE, 0, 126, 1, 2, 3});
    assertThat(WebSocketFrames.readHeader(in)).isNull();
    in = Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0xFE, 0, (byte) 200, 1, 2, 3, 4});
    Header header = WebSocketFrames.readHeader(in);
    assertThat(header.length()).isEqualTo(200);
    assertThat(header.headerLength()).isEqualTo(8);
    assertThat(header.mask()).isEqualTo(0x01020304);
    assertThat(in.readerIndex()).isZero();
  }

  @Test
  void headerBreakingTheProtocolIsRefused() {
    assertThatThrownBy(() -> WebSocketFrames.readHeader(Unpooled.wrappedBuffer(new byte[] {(byte) 0x83, (byte) 0x80,
        0, 0, 0, 0}))).isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("opcode 3");
    assertThatThrownBy(() -> WebSocketFrames.readHeader(Unpooled.wrappedBuffer(new byte[] {(byte) 0x09, (byte) 0x80,
        0, 0, 0, 0}))).isInstanceOf(WebSocketProtocolException.class).hasMessageContaining("control frame");
    assertThatThrownBy(() -> WebSocketFrames.readHeader(Unpooled.wrappedBuffer(new byte[] {(byte) 0x81, (byte) 0xFF,
        (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}))).isInstanceOf(WebSocketProtocolException.class);
  }

  @Test
  void payloadIsUnmasked() {
    byte[] masked = {'4' ^ 1, 'h' ^ 2, 'i' ^ 3, '!' ^ 4, 'x' ^ 1};
    byte[] payload = WebSocketFrames.readPayload(Unpooled.wrappedBuffer(masked), 5, 0x01020304);
    assertThat(new String(payload, StandardCharsets.US_ASCII)).isEqualTo("4hi!x");
  }

  @Test
  void utf8CheckAgreesWithTheJdkDecoder() {
    assertThat(WebSocketFrames.isUtf8("plain ascii, € and 😀".getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xC0, (byte) 0x80})).isFalse(); // overlong NUL
    assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isFalse(); // surrogate
    assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isFalse();
    assertThat(WebSocketFrames.isUtf8(new byte[] {(byte) 0xE2, (byte) 0x82})).isFalse(); // truncated
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(8)];
      random.nextBytes(bytes);
      assertThat(WebSocketFrames.isUtf8(bytes)).as("bytes %s", java.util.Arrays.toString(bytes))
          .isEqualTo(jdkAccepts(bytes));
    }
  }

  @Test
  void anyBytesParseIntoFramesOrAreRefusedWithAProtocolError() {
    Random random = new Random(7);
    for (int i = 0; i < 50_000; i++) {
      byte[] bytes = new byte[random.nextInt(40)];
      random.nextBytes(bytes);
      if (bytes.length > 1 && random.nextBoolean()) {
        bytes[1] |= (byte) 0x80; // mostly masked, as clients send
      }
      ByteBuf in = Unpooled.wrappedBuffer(bytes);
      try {
        Header header;
        while ((header = WebSocketFrames.readHeader(in)) != null
            && in.readableBytes() >= header.headerLength() + header.length()) {
          assertThat(header.length()).isBetween(0L, (long) bytes.length);
          assertThat(header.opcode()).isIn(0, 1, 2, 8, 9, 10);
          int before = in.readerIndex();
          in.skipBytes(header.headerLength());
          WebSocketFrames.readPayload(in, (int) header.length(), header.mask());
          assertThat(in.readerIndex()).isGreaterThan(before);
        }
      } catch (WebSocketProtocolException expected) {
        assertThat(expected.code).isEqualTo(WebSocketFrames.CLOSE_PROTOCOL_ERROR);
      }
    }
  }

  private static boolean jdkAccepts(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
