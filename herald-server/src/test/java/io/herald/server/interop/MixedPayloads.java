package io.herald.server.interop;

import static io.herald.server.interop.Payloads.binary;
import static io.herald.server.interop.Payloads.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The arguments the mixed-cluster tests send, as Herald passes them and as the Node scripts print them. */
final class MixedPayloads {

  private MixedPayloads() {}

  private static final byte[] TOP = bytes(0, 1, 2, 127, 128, 254, 255);
  private static final byte[] NESTED = bytes(9, 8, 7);

  /** Mixed arguments with binary at the top, inside an object and inside an array, for Herald's emit. */
  static Object[] heraldArgs() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("bin", NESTED);
    nested.put("list", List.of(1, "two", false));
    List<Object> args = new ArrayList<>();
    args.add("héllo ✓ 🎉");
    args.add(42);
    args.add(-1.5);
    args.add(true);
    args.add(null);
    args.add(TOP);
    args.add(Map.of("nested", nested));
    args.add(List.of(NESTED, "after-binary"));
    return args.toArray();
  }

  /** The same arguments in the JSON form of the Node scripts (binary as {"$binary": base64}). */
  static JsonArray json() {
    return new JsonArray()
        .add("héllo ✓ 🎉")
        .add(42)
        .add(-1.5)
        .add(true)
        .addNull()
        .add(binary(TOP))
        .add(new JsonObject().put("nested",
            new JsonObject().put("bin", binary(NESTED)).put("list", new JsonArray().add(1).add("two").add(false))))
        .add(new JsonArray().add(binary(NESTED)).add("after-binary"));
  }

  /** What client.js acknowledges with: {@code {from: <name>, event, bin: <name as UTF-8 bytes>}}. */
  static JsonObject clientAck(String name, String event) {
    return new JsonObject().put("from", name).put("event", event).put("bin", Payloads.binary(name));
  }

  /** A Jackson tree as the Node scripts print it: binary values as {"$binary": base64}. */
  static Object toJson(JsonNode node) {
    if (node.isBinary()) {
      try {
        return Payloads.binary(node.binaryValue());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }
    if (node.isArray()) {
      JsonArray array = new JsonArray();
      node.forEach(item -> array.add(toJson(item)));
      return array;
    }
    if (node.isObject()) {
      JsonObject object = new JsonObject();
      node.fields().forEachRemaining(field -> object.put(field.getKey(), toJson(field.getValue())));
      return object;
    }
    return new JsonArray("[" + node + "]").getValue(0);
  }

  /** Asserts that a client received {@code expected}, argument by argument. */
  static void assertArgs(MixedClient client, String event, JsonArray expected) {
    Payloads.assertSameArguments(client.awaitArgs(event), expected, client.transcript());
  }

  /**
   * Asserts that {@code client} did not get {@code event}: it waits for {@code marker}, sent after {@code event}
   * by the same node (Redis keeps one publisher's messages in order), then checks nothing came before it.
   */
  static void assertNotReceived(MixedClient client, String event, String marker) {
    client.awaitEvent(marker);
    assertThat(client.received(event)).as("\"%s\" received by %s%n%s", event, client.name(), client.transcript())
        .isEmpty();
  }
}
