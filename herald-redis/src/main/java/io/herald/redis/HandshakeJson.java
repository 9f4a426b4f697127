package io.herald.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.server.Handshake;
import io.vertx.core.MultiMap;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A handshake as the Node server's {@code socket.handshake} serialises to JSON: {@code headers} (lower-case names,
 * repeated values joined with ", "), {@code time} (a JavaScript {@code Date} string), {@code address},
 * {@code xdomain}, {@code secure}, {@code issued} (epoch milliseconds), {@code url}, {@code query} (repeated keys
 * as arrays) and {@code auth}.
 */
final class HandshakeJson {
  private static final DateTimeFormatter JS_DATE_STRING = DateTimeFormatter
      .ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx '(Coordinated Universal Time)'", Locale.ROOT)
      .withZone(ZoneOffset.UTC);

  private HandshakeJson() {}

  /** The JSON of a local socket's handshake; one that is already JSON (from another node) is kept. */
  static JsonNode of(Object handshake) {
    return switch (handshake) {
      case null -> Wire.NODES.objectNode();
      case Handshake h -> of(h);
      case JsonNode node -> node;
      default -> Wire.tree(handshake);
    };
  }

  static ObjectNode of(Handshake handshake) {
    ObjectNode node = Wire.NODES.objectNode();
    node.set("headers", headers(handshake.headers()));
    node.put("time", JS_DATE_STRING.format(handshake.issued()));
    node.put("address", handshake.address());
    node.put("xdomain", handshake.xdomain());
    node.put("secure", handshake.secure());
    node.put("issued", handshake.issued().toEpochMilli());
    node.put("url", handshake.url());
    node.set("query", query(handshake.query()));
    node.set("auth", handshake.auth() == null ? Wire.NODES.objectNode() : handshake.auth());
    return node;
  }

  private static ObjectNode headers(MultiMap headers) {
    ObjectNode node = Wire.NODES.objectNode();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      List<String> values = headers.getAll(name);
      if (lower.equals("set-cookie")) {
        node.set(lower, Wire.strings(values));
      } else {
        node.put(lower, String.join(", ", values));
      }
    }
    return node;
  }

  private static ObjectNode query(MultiMap query) {
    ObjectNode node = Wire.NODES.objectNode();
    for (String name : query.names()) {
      List<String> values = query.getAll(name);
      if (values.size() == 1) {
        node.put(name, values.get(0));
      } else {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
      }
    }
    return node;
  }
}
