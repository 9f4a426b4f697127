package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessageFormatException;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ExtensionValue;
import org.msgpack.value.Value;

/**
 * MessagePack as {@code notepack.io} (the Node adapter's parser) writes and reads it, over Jackson trees: binary
 * values are {@code bin} both ways ({@code BinaryNode} here, {@code Buffer} in Node), whole numbers are integers,
 * other numbers float 64, and a timestamp extension (a Node {@code Date}) becomes its ISO-8601 string, as JSON
 * would have made it.
 */
final class Msgpack {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 256;
  private static final double LONG_RANGE = 0x1p63;
  private static final DateTimeFormatter JS_DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Msgpack() {}

  static byte[] encode(JsonNode value) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      write(packer, value);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(MessagePacker packer, JsonNode node) throws IOException {
    if (node == null || node.isNull() || node.isMissingNode()) {
      packer.packNil();
    } else if (node.isBoolean()) {
      packer.packBoolean(node.booleanValue());
    } else if (node.isIntegralNumber()) {
      if (node.canConvertToLong()) {
        packer.packLong(node.longValue());
      } else {
        packer.packBigInteger(node.bigIntegerValue());
      }
    } else if (node.isNumber()) {
      writeNumber(packer, node.doubleValue());
    } else if (node.isTextual()) {
      packer.packString(node.textValue());
    } else if (node.isBinary()) {
      byte[] bytes = node.binaryValue();
      packer.packBinaryHeader(bytes.length);
      packer.writePayload(bytes);
    } else if (node.isArray()) {
      packer.packArrayHeader(node.size());
      for (JsonNode element : node) {
        write(packer, element);
      }
    } else if (node.isObject()) {
      packer.packMapHeader(node.size());
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        packer.packString(field.getKey());
        write(packer, field.getValue());
      }
    } else {
      packer.packString(node.asText());
    }
  }

  /** Like JavaScript numbers: integral values as integers, the others as float 64. */
  private static void writeNumber(MessagePacker packer, double value) throws IOException {
    if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < LONG_RANGE) {
      packer.packLong((long) value);
    } else {
      packer.packDouble(value);
    }
  }

  /** Reads one value; malformed input throws {@link IllegalArgumentException}. */
  static JsonNode decode(byte[] bytes) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      Value value = unpacker.unpackValue();
      return toNode(value, 0);
    } catch (IOException | MessageFormatException | IllegalStateException e) {
      throw new IllegalArgumentException("malformed msgpack: " + e.getMessage(), e);
    }
  }

  private static JsonNode toNode(Value value, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("msgpack nested deeper than " + MAX_DEPTH);
    }
    return switch (value.getValueType()) {
      case NIL -> NODES.nullNode();
      case BOOLEAN -> NODES.booleanNode(value.asBooleanValue().getBoolean());
      case INTEGER -> integer(value);
      case FLOAT -> NODES.numberNode(value.asFloatValue().toDouble());
      case STRING -> NODES.textNode(value.asStringValue().asString());
      case BINARY -> NODES.binaryNode(value.asBinaryValue().asByteArray());
      case ARRAY -> {
        ArrayNode array = NODES.arrayNode();
        for (Value element : value.asArrayValue()) {
          array.add(toNode(element, depth + 1));
        }
        yield array;
      }
      case MAP -> {
        ObjectNode object = NODES.objectNode();
        for (Map.Entry<Value, Value> entry : value.asMapValue().entrySet()) {
          Value key = entry.getKey();
          String name = key.isStringValue() ? key.asStringValue().asString() : key.toJson();
          object.set(name, toNode(entry.getValue(), depth + 1));
        }
        yield object;
      }
      case EXTENSION -> extension(value);
    };
  }

  private static JsonNode integer(Value value) {
    var integer = value.asIntegerValue();
    if (integer.isInIntRange()) {
      return NODES.numberNode(integer.toInt());
    }
    if (integer.isInLongRange()) {
      return NODES.numberNode(integer.toLong());
    }
    BigInteger big = integer.toBigInteger();
    return NODES.numberNode(big);
  }

  private static JsonNode extension(Value value) {
    if (value.isTimestampValue()) {
      Instant instant = value.asTimestampValue().toInstant().truncatedTo(ChronoUnit.MILLIS);
      return NODES.textNode(JS_DATE.format(instant));
    }
    ExtensionValue extension = value.asExtensionValue();
    // notepack 2 wrote undefined as fixext 1 of type 0; JSON would have dropped it
    return extension.getType() == 0 && extension.getData().length <= 1 ? NODES.nullNode()
        : NODES.binaryNode(extension.getData());
  }
}
