package io.herald.core.socketio;

import static io.herald.core.socketio.SocketPacket.NO_ID;
import static io.herald.core.socketio.TestPayloads.ONE_PLACEHOLDER;
import static io.herald.core.socketio.TestPayloads.attachments;
import static io.herald.core.socketio.TestPayloads.list;
import static io.herald.core.socketio.TestPayloads.map;
import static io.herald.core.socketio.TestPayloads.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.TestPayloads.Bag;
import io.herald.core.socketio.TestPayloads.Chunk;
import io.herald.core.socketio.TestPayloads.Folder;
import io.herald.core.socketio.TestPayloads.Frame;
import io.herald.core.socketio.TestPayloads.Tagged;
import io.herald.core.socketio.TestPayloads.Upload;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Socket.IO packets carrying binary data: BINARY_EVENT / BINARY_ACK with one binary packet per attachment. */
class SocketEncoderBinaryTest {
  @Test
  void encodesBinaryEventAsTextPacketFollowedByOneBinaryPacket() {
    List<EnginePacket> packets = SocketEncoder.encode(
        SocketPacket.event("/", list("baz", new byte[] {1, 2, 3, 4}), NO_ID));

    assertThat(packets).hasSize(2);
    assertThat(text(packets)).isEqualTo("451-[\"baz\"," + ONE_PLACEHOLDER + "]");
    assertThat(attachments(packets)).singleElement().isEqualTo(new byte[] {1, 2, 3, 4});
  }

  @Test
  void encodesBinaryEventWithSeveralAttachmentsInCustomNamespace() {
    List<EnginePacket> packets = SocketEncoder.encode(
        SocketPacket.event("/admin", list("baz", new byte[] {1, 2}, new byte[] {3, 4}), NO_ID));

    assertThat(text(packets)).isEqualTo(
        "452-/admin,[\"baz\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
    assertThat(attachments(packets)).containsExactly(new byte[] {1, 2}, new byte[] {3, 4});
  }

  @Test
  void encodesBinaryAckWithIdAndNamespace() {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.ack("/", 15, list("bar", new byte[] {1, 2, 3, 4})));
    assertThat(text(packets)).isEqualTo("461-15[\"bar\"," + ONE_PLACEHOLDER + "]");

    packets = SocketEncoder.encode(SocketPacket.ack("/admin", 1, list(new byte[] {9})));
    assertThat(text(packets)).isEqualTo("461-/admin,1[" + ONE_PLACEHOLDER + "]");
    assertThat(attachments(packets)).containsExactly(new byte[] {9});
  }

  @Test
  void encodesBinaryEventWithAckId() {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("foo", new byte[] {1}), 14));

    assertThat(text(packets)).isEqualTo("451-14[\"foo\"," + ONE_PLACEHOLDER + "]");
  }

  @Test
  void numbersAttachmentsInDocumentOrderAtDepthTwoAndBeyond() {
    Object data = list("upload",
        map("files", list(
            map("name", "a", "data", new byte[] {10}),
            map("name", "b", "meta", map("thumb", new byte[] {20}, "data", new byte[] {30})))),
        list(list(list(new byte[] {40}))));

    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", data, NO_ID));

    assertThat(text(packets)).isEqualTo("454-[\"upload\",{\"files\":["
        + "{\"name\":\"a\",\"data\":{\"_placeholder\":true,\"num\":0}},"
        + "{\"name\":\"b\",\"meta\":{\"thumb\":{\"_placeholder\":true,\"num\":1},"
        + "\"data\":{\"_placeholder\":true,\"num\":2}}}]},"
        + "[[[{\"_placeholder\":true,\"num\":3}]]]]");
    assertThat(attachments(packets))
        .containsExactly(new byte[] {10}, new byte[] {20}, new byte[] {30}, new byte[] {40});
  }

  @Test
  void writesTheSameByteArrayTwiceAsTwoAttachments() {
    byte[] same = {5, 6};
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("dup", same, same), NO_ID));

    assertThat(text(packets)).startsWith("452-");
    assertThat(attachments(packets)).containsExactly(same, same);
  }

  @Test
  void encodesEmptyByteArrayAsAttachment() {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("empty", new byte[0]), NO_ID));

    assertThat(text(packets)).isEqualTo("451-[\"empty\"," + ONE_PLACEHOLDER + "]");
    assertThat(attachments(packets)).singleElement().isEqualTo(new byte[0]);
  }

  static Stream<Arguments> binaryValues() {
    Supplier<ObjectNode> treeWithBinary = () -> {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.putObject("inner").putArray("parts").add(JsonNodeFactory.instance.binaryNode(new byte[] {1, 2, 3}));
      return root;
    };
    ByteBuffer direct = ByteBuffer.allocateDirect(3).put(new byte[] {1, 2, 3}).flip();
    return Stream.of(
        Arguments.of("byte[]", new byte[] {1, 2, 3}),
        Arguments.of("heap ByteBuffer", ByteBuffer.wrap(new byte[] {1, 2, 3})),
        Arguments.of("ByteBuffer slice", ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4}, 1, 3)),
        Arguments.of("direct ByteBuffer", direct),
        Arguments.of("Vert.x Buffer", Buffer.buffer(new byte[] {1, 2, 3})),
        Arguments.of("BinaryNode", BinaryNode.valueOf(new byte[] {1, 2, 3})),
        Arguments.of("BinaryNode in ObjectNode", treeWithBinary.get()),
        Arguments.of("record with byte[]", new Upload("f", new byte[] {1, 2, 3})),
        Arguments.of("record with ByteBuffer", new Chunk(0, ByteBuffer.wrap(new byte[] {1, 2, 3}))),
        Arguments.of("record with Buffer", new Frame(Buffer.buffer(new byte[] {1, 2, 3}))),
        Arguments.of("record in record", new Folder("d", List.of(new Upload("f", new byte[] {1, 2, 3})))),
        Arguments.of("record with BinaryNode", new Tagged("t", BinaryNode.valueOf(new byte[] {1, 2, 3}))),
        Arguments.of("record with tree holding BinaryNode", new Tagged("t", treeWithBinary.get())),
        Arguments.of("byte[] in record's map", new Bag(map("deep", List.of(new byte[] {1, 2, 3})))),
        Arguments.of("byte[] in Object[]", new Object[] {"a", new Object[] {new byte[] {1, 2, 3}}}),
        Arguments.of("byte[] in Vert.x JsonObject", new JsonObject().put("bin", new byte[] {1, 2, 3})),
        Arguments.of("Buffer in Vert.x JsonArray", new JsonArray().add(Buffer.buffer(new byte[] {1, 2, 3}))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryValues")
  void switchesEventToBinaryEventWhenBinaryValueAppearsAnywhere(String kind, Object binary) {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("evt", map("v", binary)), NO_ID));

    assertThat(text(packets)).startsWith("451-[\"evt\",{\"v\":").contains(ONE_PLACEHOLDER).doesNotContain("AQID");
    assertThat(attachments(packets)).singleElement().isEqualTo(new byte[] {1, 2, 3});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("binaryValues")
  void switchesAckToBinaryAckWhenBinaryValueAppearsAnywhere(String kind, Object binary) {
    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.ack("/x", 3, list(binary)));

    assertThat(text(packets)).startsWith("461-/x,3[").contains(ONE_PLACEHOLDER);
    assertThat(attachments(packets)).singleElement().isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void leavesByteBufferPositionUntouched() {
    ByteBuffer buffer = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4}, 1, 3);

    SocketEncoder.encode(SocketPacket.event("/", list("b", buffer), NO_ID));

    assertThat(buffer.position()).isEqualTo(1);
    assertThat(buffer.remaining()).isEqualTo(3);
  }

  @Test
  void encodesRecordBinaryFieldAsPlaceholderInsideEncoderButAsBase64Elsewhere() throws Exception {
    Upload upload = new Upload("f", new byte[] {1, 2, 3, 4});

    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("up", upload), NO_ID));

    assertThat(text(packets)).isEqualTo("451-[\"up\",{\"name\":\"f\",\"content\":" + ONE_PLACEHOLDER + "}]");
    assertThat(PayloadMapper.get().writeValueAsString(upload)).isEqualTo("{\"name\":\"f\",\"content\":\"AQIDBA==\"}");
  }

  @Test
  void encodesBinaryNodeInsideRecordAsPlaceholderInsideEncoderButAsBase64Elsewhere() throws Exception {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    tree.putArray("parts").add("p").add(BinaryNode.valueOf(new byte[] {1, 2, 3, 4}));
    Tagged tagged = new Tagged("t", tree);

    List<EnginePacket> packets = SocketEncoder.encode(SocketPacket.event("/", list("tree", tagged), NO_ID));

    assertThat(text(packets))
        .isEqualTo("451-[\"tree\",{\"tag\":\"t\",\"value\":{\"parts\":[\"p\"," + ONE_PLACEHOLDER + "]}}]");
    assertThat(PayloadMapper.get().writeValueAsString(tagged))
        .isEqualTo("{\"tag\":\"t\",\"value\":{\"parts\":[\"p\",\"AQIDBA==\"]}}");
    assertThat(PayloadMapper.get().writeValueAsString(tree)).isEqualTo("{\"parts\":[\"p\",\"AQIDBA==\"]}");
    assertThat(PayloadMapper.get().valueToTree(tagged).at("/value/parts/1").binaryValue())
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void returnsPacketListThatCannotBeModified() {
    List<EnginePacket> plain = SocketEncoder.encode(SocketPacket.event("/", List.of("x"), NO_ID));
    List<EnginePacket> binary = SocketEncoder.encode(SocketPacket.event("/", list("x", new byte[] {1}), NO_ID));

    assertThatThrownBy(() -> plain.add(EnginePacket.message("x"))).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> binary.clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
