package io.herald.core.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketCodecException;
import io.herald.core.socketio.SocketDecoder;
import io.herald.core.socketio.SocketPacket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Inputs {@link SocketDecoderFuzzTest} found that broke the decoder, each fixed. */
class SocketDecoderFuzzFindingsTest {

  /**
   * Found: {@code 45999999999-["x"]}, 17 bytes, made a decoder without an attachments limit pre-size a list for
   * 999,999,999 attachments (about 4 GB of heap) before a single one arrived; the seed took 14 s or ran out of memory.
   */
  @Test
  @Timeout(5)
  void doesNotReserveMemoryForAttachmentsThatHaveNotArrived() {
    SocketDecoder decoder = new SocketDecoder(Integer.MAX_VALUE, 64 * 1024);
    decoder.decode(EnginePacket.message("2[\"warm-up\"]"));
    long before = allocatedBytes();

    SocketPacket packet = decoder.decode(EnginePacket.message("5999999999-[\"x\"]"));

    assertThat(packet).isNull();
    assertThat(allocatedBytes() - before).as("bytes allocated by decoding 17 bytes").isLessThan(1024 * 1024);
    assertThatThrownBy(() -> decoder.decode(EnginePacket.message("2[\"early\"]")))
        .isInstanceOf(SocketCodecException.class)
        .hasMessageContaining("999999999 attachment(s) are still expected");
  }

  @Test
  void stillCompletesAPacketOnceItsAttachmentsArrive() {
    SocketDecoder decoder = new SocketDecoder(Integer.MAX_VALUE, 64 * 1024);

    assertThat(decoder.decode(EnginePacket.message(
        "52-[\"up\",{\"_placeholder\":true,\"num\":1},{\"_placeholder\":true,\"num\":0}]"))).isNull();
    assertThat(decoder.decode(EnginePacket.binary(new byte[] {1}))).isNull();
    SocketPacket packet = decoder.decode(EnginePacket.binary(new byte[] {2}));

    assertThat(packet.data().toString()).isEqualTo("[\"up\",\"Ag==\",\"AQ==\"]");
  }

  private static long allocatedBytes() {
    return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
        .getCurrentThreadAllocatedBytes();
  }
}
