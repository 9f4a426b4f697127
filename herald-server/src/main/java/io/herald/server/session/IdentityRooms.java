package io.herald.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Handshake;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rooms a socket of {@code /} joins from what its handshake {@code auth} claims (seed 001):
 * {@code client:{clientId}} and {@code session:{sessionId}}. They are labels the client chose, not proof of
 * anything, so values that are not short strings of safe characters are ignored. A {@code userId} in
 * {@code auth} is never used: {@code user:{userId}} is joined only for a verified token.
 */
final class IdentityRooms {
  static final int MAX_LENGTH = 128;
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._~@:+=-]{1," + MAX_LENGTH + "}");

  private IdentityRooms() {}

  static List<String> of(Handshake handshake) {
    List<String> rooms = new ArrayList<>(2);
    add(rooms, "client:", handshake.auth().get("clientId"));
    add(rooms, "session:", handshake.auth().get("sessionId"));
    return rooms;
  }

  private static void add(List<String> rooms, String prefix, JsonNode value) {
    if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
      return;
    }
    String id = value.asText();
    if (SAFE.matcher(id).matches()) {
      rooms.add(prefix + id);
    }
  }
}
