package io.herald.core.socketio;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The Jackson mapper used for Socket.IO payloads. Binary values inside beans and records are written as
 * attachment placeholders while a {@link PayloadWriter} is encoding, and as base64 otherwise.
 */
public final class PayloadMapper {
  private static final ObjectMapper MAPPER = create();

  private PayloadMapper() {}

  /** The shared mapper: use it to turn received {@code JsonNode}s into your own types. */
  public static ObjectMapper get() {
    return MAPPER;
  }

  private static ObjectMapper create() {
    SimpleModule binary = new SimpleModule("herald-binary");
    binary.addSerializer(byte[].class, new BinarySerializer<>(bytes -> bytes));
    binary.addSerializer(ByteBuffer.class, new BinarySerializer<>(PayloadWriter::bytesOf));
    binary.addSerializer(Buffer.class, new BinarySerializer<>(Buffer::getBytes));
    binary.addSerializer(JsonNode.class, new TreeSerializer());
    ObjectMapper mapper = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .addModule(binary)
        .build();
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build());
    return mapper;
  }

  /** Jackson trees inside beans and records: a BinaryNode at any depth becomes an attachment too. */
  private static final class TreeSerializer extends JsonSerializer<JsonNode> {
    @Override
    public void serialize(JsonNode node, JsonGenerator gen, SerializerProvider provider) throws IOException {
      if (provider.getAttribute(PayloadWriter.class) instanceof PayloadWriter payloadWriter) {
        payloadWriter.writeNode(gen, node);
      } else {
        node.serialize(gen, provider);
      }
    }

    @Override
    public void serializeWithType(JsonNode node, JsonGenerator gen, SerializerProvider provider,
        TypeSerializer typeSer) throws IOException {
      node.serializeWithType(gen, provider, typeSer);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, JsonNode node) {
      return node.isEmpty(provider);
    }
  }

  private static final class BinarySerializer<T> extends JsonSerializer<T> {
    private final java.util.function.Function<T, byte[]> toBytes;

    BinarySerializer(java.util.function.Function<T, byte[]> toBytes) {
      this.toBytes = toBytes;
    }

    @Override
    public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      Object writer = provider.getAttribute(PayloadWriter.class);
      byte[] bytes = toBytes.apply(value);
      if (writer instanceof PayloadWriter payloadWriter) {
        payloadWriter.writeAttachment(gen, bytes);
      } else {
        gen.writeBinary(bytes);
      }
    }
  }
}
