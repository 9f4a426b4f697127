package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import io.herald.core.socketio.SocketDecoder;

/** Builds event payloads and reads their arguments. */
final class Events {
  /** Event names the Socket.IO client reserves for itself; emitting them is refused. */
  static final Set<String> RESERVED = SocketDecoder.RESERVED_EVENTS;

  private Events() {}

  /** {@code [event, args...]}, after checking the event name. */
  static List<Object> payload(String event, Object[] args) {
    Objects.requireNonNull(event, "event");
    if (RESERVED.contains(event)) {
      throw new IllegalArgumentException("event: \"" + event + "\" is reserved (expected: any other name)");
    }
    List<Object> payload = new ArrayList<>(args.length + 1);
    payload.add(event);
    Collections.addAll(payload, args);
    return payload;
  }

  /** Room names as a set; duplicates collapse, null is refused. */
  static Set<String> roomSet(String[] rooms) {
    Set<String> set = new java.util.HashSet<>(rooms.length * 2);
    for (String room : rooms) {
      set.add(Objects.requireNonNull(room, "room"));
    }
    return set;
  }

  /** The elements of {@code array} from index {@code from} on. */
  static List<JsonNode> arguments(ArrayNode array, int from) {
    int size = array.size() - from;
    if (size <= 0) {
      return List.of();
    }
    List<JsonNode> args = new ArrayList<>(size);
    for (int i = from; i < array.size(); i++) {
      args.add(array.get(i));
    }
    return Collections.unmodifiableList(args);
  }
}
