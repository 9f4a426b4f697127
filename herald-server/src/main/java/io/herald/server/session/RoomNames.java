package io.herald.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Socket;
import java.util.List;
import java.util.Locale;

/**
 * Which rooms a client may join or leave by name. Rooms that carry identity ({@code user:}, {@code client:},
 * {@code session:}), media subscriptions ({@code media:}), administration ({@code admin…}) and other sockets'
 * own rooms are the server's to assign.
 */
public final class RoomNames {
  /** The longest room name a client may use. */
  public static final int MAX_LENGTH = 128;
  /** Prefixes (compared case-insensitively) that clients cannot join or leave. */
  public static final List<String> RESERVED_PREFIXES = List.of("user:", "client:", "session:", "media:", "admin");

  static final String RESERVED = "room name is reserved";

  private RoomNames() {}

  /** Why {@code socket} may not join or leave {@code room}, or {@code null} when it may. */
  public static String problem(Socket socket, JsonNode room) {
    if (room == null || room.isMissingNode() || room.isNull()) {
      return "room is required: send the room name as a string";
    }
    if (!room.isTextual()) {
      return "room must be a string (got " + room.getNodeType().toString().toLowerCase(Locale.ROOT) + ")";
    }
    String name = room.asText();
    if (name.isBlank()) {
      return "room must not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "room: " + name.length() + " characters (expected: at most " + MAX_LENGTH + ")";
    }
    if (name.chars().anyMatch(Character::isISOControl)) {
      return "room must not contain control characters";
    }
    if (isReserved(name) || isSocketId(socket, name)) {
      return RESERVED;
    }
    return null;
  }

  /** Whether {@code name} starts with a reserved prefix. */
  public static boolean isReserved(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RESERVED_PREFIXES.stream().anyMatch(lower::startsWith);
  }

  /** Joining another socket's own room would let a client read what is sent to that socket alone. */
  private static boolean isSocketId(Socket socket, String name) {
    return name.equals(socket.id()) || socket.namespace().sockets().containsKey(name);
  }
}
