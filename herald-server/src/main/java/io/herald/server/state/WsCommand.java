package io.herald.server.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * What one {@code /api/ws} text message asks for, decided from its text alone (no connection, no I/O): a
 * {@link Ping}, an {@link UpdateEmotion} with an allowed emotion, an {@link Authenticate}, or a {@link Refuse} with
 * the {@code error} message to answer. {@link EmotionProtocol} carries the command out.
 */
public sealed interface WsCommand {
  /** The longest text message read, in characters. */
  int MAX_MESSAGE_CHARS = 4096;

  /** {@code {"type":"ping"}}: answered with {@code pong}. */
  record Ping() implements WsCommand {}

  /** {@code {"type":"emotion_update","emotion":...}} with one of {@link Emotions#ALLOWED}, normalized. */
  record UpdateEmotion(String emotion) implements WsCommand {}

  /** {@code {"type":"authenticate","token":...}}; {@code token} is {@code null} when missing or not text. */
  record Authenticate(String token) implements WsCommand {}

  /** Bad input: answered with this {@code {"type":"error","message":...}}, the connection stays open. */
  record Refuse(ObjectNode answer) implements WsCommand {}

  /** Decides what {@code text} asks for; never throws. */
  static WsCommand of(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      return new Refuse(WsMessages.error(
          "Message too large: " + text.length() + " characters (expected at most " + MAX_MESSAGE_CHARS + ")"));
    }
    ObjectNode message = WsMessages.parse(text);
    JsonNode type = message == null ? null : message.get("type");
    if (type == null || !type.isTextual()) {
      return new Refuse(WsMessages.error("Invalid message format"));
    }
    return switch (type.asText()) {
      case WsMessages.PING -> new Ping();
      case WsMessages.EMOTION_UPDATE -> updateEmotion(message.get("emotion"));
      case WsMessages.AUTHENTICATE -> {
        JsonNode token = message.get("token");
        yield new Authenticate(token != null && token.isTextual() ? token.asText() : null);
      }
      default -> new Refuse(WsMessages.error("Unknown message type: " + WsMessages.echo(type)));
    };
  }

  private static WsCommand updateEmotion(JsonNode value) {
    Optional<String> emotion = Emotions.normalize(value != null && value.isTextual() ? value.asText() : null);
    return emotion.<WsCommand>map(UpdateEmotion::new).orElseGet(() -> new Refuse(WsMessages.error(
        "Invalid emotion: " + WsMessages.echo(value) + " (expected one of " + Emotions.expected() + ")")));
  }
}
