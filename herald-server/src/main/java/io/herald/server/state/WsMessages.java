package io.herald.server.state;

import io.herald.server.http.ServerTime;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * The JSON messages of {@code /api/ws} (seed 004): {@code {"type": ..., ...}} with ISO-8601 UTC timestamps in
 * milliseconds ({@code 2023-05-09T14:30:00.000Z}). Built as Jackson trees, so one object can be written to
 * WebSockets as text and emitted to Socket.IO sockets as it is.
 */
final class WsMessages {
  static final String CONNECTION_ESTABLISHED = "connection_established";
  static final String EMOTION_UPDATE = "emotion_update";
  static final String PING = "ping";
  static final String PONG = "pong";
  static final String AUTHENTICATE = "authenticate";
  static final String AUTHENTICATED = "authenticated";
  static final String ERROR = "error";

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_ECHO = 64;

  private WsMessages() {}

  static String timestamp(Instant instant) {
    return ServerTime.iso(instant);
  }

  static ObjectNode connectionEstablished(String userId, Instant now) {
    return typed(CONNECTION_ESTABLISHED)
        .put("message", "Connected to emotion detection WebSocket server")
        .put("timestamp", timestamp(now))
        .put("user_id", userId);
  }

  static ObjectNode pong(Instant now) {
    return typed(PONG).put("timestamp", timestamp(now));
  }

  /** An emotion change, as pushed to the user's WebSockets and emitted to its Socket.IO room. */
  static ObjectNode emotionUpdate(EmotionRepository.Emotion emotion) {
    return typed(EMOTION_UPDATE).setAll(currentEmotion(emotion));
  }

  /** A user's current emotion, as {@code GET /api/emotions/me} answers it. */
  static ObjectNode currentEmotion(EmotionRepository.Emotion emotion) {
    return NODES.objectNode()
        .put("user_id", emotion.userId())
        .put("emotion", emotion.emotion())
        .put("timestamp", timestamp(emotion.updatedAt()));
  }

  /** The answer to {@code authenticate}: the connection now lives until the new token expires. */
  static ObjectNode authenticated(String userId, Instant expiresAt) {
    return typed(AUTHENTICATED).put("user_id", userId).put("expires_at", timestamp(expiresAt));
  }

  static ObjectNode error(String message) {
    return typed(ERROR).put("message", message);
  }

  /** An error that ends the connection's identity, with its {@code AuthFailure} code. */
  static ObjectNode error(String message, String code) {
    return error(message).put("code", code);
  }

  /** The JSON object of a text frame, or {@code null} if the text is not a JSON object. */
  static ObjectNode parse(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node instanceof ObjectNode object ? object : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** A client-sent value, shortened for echoing in an error message. */
  static String echo(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "missing";
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    return text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "…";
  }

  private static ObjectNode typed(String type) {
    return NODES.objectNode().put("type", type);
  }
}
