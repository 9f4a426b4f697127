package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Expected payloads, in the JSON form the client scripts print (binary as {"$binary": base64}). */
final class Payloads {

  private Payloads() {}

  /** How the scripts print a binary value. */
  static JsonObject binary(byte[] bytes) {
    return new JsonObject().put("$binary", Base64.getEncoder().encodeToString(bytes));
  }

  static JsonObject binary(String utf8) {
    return binary(utf8.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return bytes;
  }

  /** The arguments shared by the Node and Python echo scenarios (sio-client.js / sio_client.py). */
  static JsonArray commonMixedArgs() {
    return new JsonArray()
        .add("héllo ✓ 🎉")
        .add(42)
        .add(-1.5)
        .add(true)
        .addNull()
        .add(new JsonObject().put("nested", new JsonObject()
            .put("list", new JsonArray().add(1).add("two").add(false).addNull())
            .put("deeper", new JsonObject().put("x", 3.25))))
        .add(binary(bytes(0, 1, 2, 127, 128, 254, 255)))
        .add(new JsonObject()
            .put("level1", new JsonObject().put("level2", binary("binary at depth 2")))
            .put("label", "carrier"));
  }

  /** The echo arguments of sio-client.js: the common ones plus a binary in an array and a 70 000-byte buffer. */
  static JsonArray nodeMixedArgs() {
    byte[] big = new byte[70_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i % 251);
    }
    return commonMixedArgs()
        .add(new JsonArray().add(binary(bytes(9, 8, 7))).add("after-binary"))
        .add(binary(big));
  }

  /** Compares argument lists one by one, so that a mismatch names the argument. */
  static void assertSameArguments(JsonArray actual, JsonArray expected, String transcript) {
    assertThat(actual).as("arguments%n%s", transcript).isNotNull();
    assertThat(actual.size()).as("number of arguments%n%s", transcript).isEqualTo(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.getValue(i)).as("argument #%d%n%s", i, transcript).isEqualTo(expected.getValue(i));
    }
  }
}
