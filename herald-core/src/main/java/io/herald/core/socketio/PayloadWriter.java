package io.herald.core.socketio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Writes one payload as JSON, taking binary values out as attachments and leaving
 * {@code {"_placeholder":true,"num":n}} in their place, at any depth.
 */
final class PayloadWriter {
  private List<byte[]> attachments;

  List<byte[]> attachments() {
    return attachments == null ? List.of() : attachments;
  }

  byte[] write(Object value) {
    try (ByteArrayBuilder out = new ByteArrayBuilder(PayloadMapper.get().getFactory()._getBufferRecycler());
        JsonGenerator gen = PayloadMapper.get().getFactory().createGenerator(out)) {
      writeValue(gen, value);
      gen.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode payload: " + e.getMessage(), e);
    }
  }

  void writeAttachment(JsonGenerator gen, byte[] bytes) throws IOException {
    if (attachments == null) {
      attachments = new ArrayList<>(2);
    }
    gen.writeStartObject();
    gen.writeBooleanField("_placeholder", true);
    gen.writeNumberField("num", attachments.size());
    gen.writeEndObject();
    attachments.add(bytes);
  }

  private void writeValue(JsonGenerator gen, Object value) throws IOException {
    switch (value) {
      case null -> gen.writeNull();
      case String s -> gen.writeString(s);
      case Boolean b -> gen.writeBoolean(b);
      case Integer i -> gen.writeNumber(i);
      case Long l -> gen.writeNumber(l);
      case Double d -> gen.writeNumber(d);
      case Float f -> gen.writeNumber(f);
      case Short s -> gen.writeNumber(s);
      case Byte b -> gen.writeNumber(b);
      case BigDecimal d -> gen.writeNumber(d);
      case BigInteger i -> gen.writeNumber(i);
      case byte[] bytes -> writeAttachment(gen, bytes);
      case ByteBuffer buffer -> writeAttachment(gen, bytesOf(buffer));
      case Buffer buffer -> writeAttachment(gen, buffer.getBytes());
      case JsonNode node -> writeNode(gen, node);
      case Map<?, ?> map -> writeMap(gen, map);
      case Collection<?> list -> writeIterable(gen, list);
      case Object[] array -> writeIterable(gen, Arrays.asList(array));
      case JsonObject object -> writeMap(gen, object.getMap());
      case JsonArray array -> writeIterable(gen, array.getList());
      default -> PayloadMapper.get().writer().withAttribute(PayloadWriter.class, this).writeValue(gen, value);
    }
  }

  private void writeMap(JsonGenerator gen, Map<?, ?> map) throws IOException {
    gen.writeStartObject();
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      gen.writeFieldName(String.valueOf(entry.getKey()));
      writeValue(gen, entry.getValue());
    }
    gen.writeEndObject();
  }

  private void writeIterable(JsonGenerator gen, Iterable<?> values) throws IOException {
    gen.writeStartArray();
    for (Object element : values) {
      writeValue(gen, element);
    }
    gen.writeEndArray();
  }

  void writeNode(JsonGenerator gen, JsonNode node) throws IOException {
    if (node instanceof BinaryNode binary) {
      writeAttachment(gen, binary.binaryValue());
    } else if (node.isObject()) {
      gen.writeStartObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        gen.writeFieldName(field.getKey());
        writeNode(gen, field.getValue());
      }
      gen.writeEndObject();
    } else if (node.isArray()) {
      gen.writeStartArray();
      for (JsonNode element : node) {
        writeNode(gen, element);
      }
      gen.writeEndArray();
    } else {
      gen.writeTree(node);
    }
  }

  static byte[] bytesOf(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
