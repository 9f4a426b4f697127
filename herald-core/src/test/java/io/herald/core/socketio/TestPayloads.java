package io.herald.core.socketio;

import static io.herald.core.socketio.SocketPacket.NO_ID;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.engineio.EnginePacketType;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values and assertions shared by the Socket.IO codec tests. */
final class TestPayloads {
  static final String ONE_PLACEHOLDER = "{\"_placeholder\":true,\"num\":0}";

  record Upload(String name, byte[] content) {}

  record Folder(String name, List<Upload> files) {}

  record Chunk(int index, ByteBuffer data) {}

  record Frame(Buffer payload) {}

  record Tagged(String tag, JsonNode value) {}

  record Bag(Map<String, Object> items) {}

  private TestPayloads() {}

  /** A LinkedHashMap from alternating keys and values, so that the JSON field order is known. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  /** A mutable list that, unlike List.of, may hold nulls. */
  static List<Object> list(Object... values) {
    return new ArrayList<>(Arrays.asList(values));
  }

  static byte[] bytes(int... values) {
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      data[i] = (byte) values[i];
    }
    return data;
  }

  /** The wire form of the leading text packet, Engine.IO type digit included. */
  static String text(List<EnginePacket> packets) {
    EnginePacket head = packets.get(0);
    assertThat(head.isBinary()).isFalse();
    assertThat(head.type()).isEqualTo(EnginePacketType.MESSAGE);
    return new String(head.encoded(), UTF_8);
  }

  /** The data of the binary packets that follow the text packet. */
  static List<byte[]> attachments(List<EnginePacket> packets) {
    List<EnginePacket> tail = packets.subList(1, packets.size());
    assertThat(tail).allSatisfy(p -> {
      assertThat(p.isBinary()).isTrue();
      assertThat(p.type()).isEqualTo(EnginePacketType.MESSAGE);
    });
    return tail.stream().map(EnginePacket::data).toList();
  }

  static JsonNode json(String json) {
    try {
      return PayloadMapper.get().readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** A JSON array of strings and, for each byte[], a BinaryNode. */
  static ArrayNode binaryArray(Object... values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Object value : values) {
      if (value instanceof byte[] data) {
        array.add(BinaryNode.valueOf(data));
      } else {
        array.add((String) value);
      }
    }
    return array;
  }

  static void assertPacket(SocketPacket packet, SocketPacketType type, String namespace, long id, String json) {
    assertThat(packet.type()).isEqualTo(type);
    assertThat(packet.namespace()).isEqualTo(namespace);
    assertThat(packet.id()).isEqualTo(id);
    assertThat(packet.hasId()).isEqualTo(id != NO_ID);
    if (json == null) {
      assertThat(packet.data()).isNull();
    } else {
      assertThat(packet.data()).isEqualTo(json(json));
    }
  }
}
