package io.herald.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EngineCodec;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.PayloadMapper;
import io.herald.core.socketio.SocketDecoder;
import io.herald.core.socketio.SocketEncoder;
import io.herald.core.socketio.SocketPacket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The packet codecs of herald-core, text and binary, encode and decode:
 * {@code java -cp herald-bench/target/herald-bench.jar org.openjdk.jmh.Main CodecBenchmark}.
 *
 * <p>The message is a typical chat event: {@code ["msg", {room, user, text (100 chars), ts}]}; the binary one
 * carries a 1 KiB attachment besides. Decoding includes the Engine.IO step (bytes to packet) and the Socket.IO
 * step (packet to a Jackson tree); encoding goes from the event arguments to the Engine.IO wire bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CodecBenchmark {
  private ObjectNode message;
  private byte[] attachment;
  private byte[] textWire;
  private byte[] binaryHeadWire;
  private byte[] binaryAttachmentWire;
  private byte[] pollingPayload;
  private SocketDecoder decoder;

  @Setup
  public void setup() {
    message = PayloadMapper.get().createObjectNode().put("room", "room-42").put("user", "alice")
        .put("text", "x".repeat(100)).put("ts", 1_700_000_000_000L);
    attachment = new byte[1024];
    for (int i = 0; i < attachment.length; i++) {
      attachment[i] = (byte) i;
    }
    textWire = encodeText().get(0).encoded();
    List<EnginePacket> binary = encodeBinary();
    binaryHeadWire = binary.get(0).encoded();
    binaryAttachmentWire = binary.get(1).encoded();
    pollingPayload = EngineCodec.encodePayload(List.of(binary.get(0), binary.get(1), encodeText().get(0)));
    decoder = new SocketDecoder(16);
  }

  @Benchmark
  public List<EnginePacket> encodeText() {
    return SocketEncoder.encode(SocketPacket.event("/", List.of("msg", message), SocketPacket.NO_ID));
  }

  @Benchmark
  public List<EnginePacket> encodeBinary() {
    return SocketEncoder.encode(SocketPacket.event("/", List.of("file", message, attachment), SocketPacket.NO_ID));
  }

  @Benchmark
  public SocketPacket decodeText() {
    return decoder.decode(EngineCodec.decodeText(textWire));
  }

  @Benchmark
  public SocketPacket decodeBinary() {
    SocketPacket none = decoder.decode(EngineCodec.decodeText(binaryHeadWire));
    if (none != null) {
      throw new IllegalStateException("attachment expected");
    }
    return decoder.decode(EngineCodec.decodeBinary(binaryAttachmentWire));
  }

  @Benchmark
  public byte[] encodePollingPayload() {
    return EngineCodec.encodePayload(SocketEncoder.encode(
        SocketPacket.event("/", List.of("file", message, attachment), SocketPacket.NO_ID)));
  }

  @Benchmark
  public JsonNode decodePollingPayload() {
    List<EnginePacket> packets = EngineCodec.decodePayload(pollingPayload, 100);
    decoder.decode(packets.get(0));
    SocketPacket withAttachment = decoder.decode(packets.get(1));
    decoder.decode(packets.get(2));
    return (JsonNode) withAttachment.data();
  }
}
