package io.herald.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.herald.core.engineio.EngineCodec;
import io.herald.core.engineio.EngineCodecException;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EnginePacketType;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the Engine.IO decoders with any bytes a client may send: the body of a polling POST
 * ({@link EngineCodec#decodePayload}) and WebSocket text and binary frames ({@link EngineCodec#decodeText},
 * {@link EngineCodec#decodeBinary}). Contract: only {@link EngineCodecException} escapes, the packet limit holds,
 * and whatever decodes survives an encode/decode round trip.
 *
 * <p>Seeds: {@code src/test/resources/io/herald/core/fuzz/PollingPayloadFuzzTestInputs/}, one raw body per file.
 */
class PollingPayloadFuzzTest {
  /** Small, so that the fuzzer reaches the "too many packets" branch. */
  static final int MAX_PACKETS = 8;

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  void decodesPayloadsOrRejectsThemWithEngineCodecException(byte[] body) {
    decodePayload(body);
    decodeFrames(body);
  }

  static void decodePayload(byte[] body) {
    List<EnginePacket> packets;
    try {
      packets = EngineCodec.decodePayload(body, MAX_PACKETS);
    } catch (EngineCodecException expected) {
      return;
    }
    assertThat(packets).isNotEmpty().hasSizeLessThanOrEqualTo(Math.min(MAX_PACKETS, body.length));
    for (EnginePacket packet : packets) {
      checkPacket(packet);
    }
    byte[] encoded = EngineCodec.encodePayload(packets);
    List<EnginePacket> again = EngineCodec.decodePayload(encoded, MAX_PACKETS);
    assertThat(again).hasSameSizeAs(packets);
    for (int i = 0; i < packets.size(); i++) {
      assertThat(again.get(i).isBinary()).isEqualTo(packets.get(i).isBinary());
      assertThat(again.get(i).type()).isEqualTo(packets.get(i).type());
      assertThat(again.get(i).encoded()).isEqualTo(packets.get(i).encoded());
    }
  }

  static void decodeFrames(byte[] frame) {
    EnginePacket binary = EngineCodec.decodeBinary(frame);
    assertThat(binary.isBinary()).isTrue();
    assertThat(binary.type()).isEqualTo(EnginePacketType.MESSAGE);
    assertThat(binary.dataLength()).isEqualTo(frame.length);
    checkPacket(binary);
    EnginePacket text;
    try {
      text = EngineCodec.decodeText(frame);
    } catch (EngineCodecException expected) {
      return;
    }
    assertThat(frame).isNotEmpty();
    assertThat(text.isBinary()).isFalse();
    assertThat(text.encoded()[0]).isEqualTo(text.type().digit());
    checkPacket(text);
  }

  private static void checkPacket(EnginePacket packet) {
    assertThat(packet.dataLength()).isGreaterThanOrEqualTo(0);
    assertThat(packet.data()).hasSize(packet.dataLength());
    assertThat(packet.toString()).isNotNull();
    if (!packet.isBinary()) {
      assertThat(packet.text()).isNotNull();
    }
  }
}
