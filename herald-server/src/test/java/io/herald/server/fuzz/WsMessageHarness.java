package io.herald.server.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.server.state.Emotions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Optional;

/**
 * Test-side access to the package-private {@code /api/ws} message code ({@code io.herald.server.state.WsMessages}),
 * and the steps {@code EmotionProtocol.onText} takes with one text message before it touches the connection: size
 * check, parse, read {@code type}, and build the answer (an error echoing client values, or an emotion to store).
 */
final class WsMessageHarness {
  static final int MAX_MESSAGE_CHARS;
  private static final MethodHandle PARSE;
  private static final MethodHandle ECHO;
  private static final MethodHandle ERROR;

  static {
    try {
      Class<?> messages = Class.forName("io.herald.server.state.WsMessages");
      Class<?> protocol = Class.forName("io.herald.server.state.EmotionProtocol");
      MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(messages, MethodHandles.lookup());
      PARSE = lookup.findStatic(messages, "parse", MethodType.methodType(ObjectNode.class, String.class));
      ECHO = lookup.findStatic(messages, "echo", MethodType.methodType(String.class, JsonNode.class));
      ERROR = lookup.findStatic(messages, "error", MethodType.methodType(ObjectNode.class, String.class));
      MAX_MESSAGE_CHARS = (int) MethodHandles.privateLookupIn(protocol, MethodHandles.lookup())
          .findStaticVarHandle(protocol, "MAX_MESSAGE_CHARS", int.class).get();
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private WsMessageHarness() {}

  /** What the server would answer or do. */
  sealed interface Outcome {}

  record Answer(ObjectNode message) implements Outcome {}

  record StoreEmotion(String emotion) implements Outcome {}

  record Authenticate(String token) implements Outcome {}

  /** The outcome of one text message, as {@code EmotionProtocol.onText} decides it (the rate limit aside). */
  static Outcome onText(String text) {
    if (text.length() > MAX_MESSAGE_CHARS) {
      return new Answer(error("Message too large: " + text.length() + " characters"));
    }
    ObjectNode message = parse(text);
    JsonNode type = message == null ? null : message.get("type");
    if (type == null || !type.isTextual()) {
      return new Answer(error("Invalid message format"));
    }
    return switch (type.asText()) {
      case "ping" -> new Answer(error("pong"));
      case "emotion_update" -> {
        JsonNode value = message.get("emotion");
        Optional<String> emotion = Emotions.normalize(value != null && value.isTextual() ? value.asText() : null);
        yield emotion.<Outcome>map(StoreEmotion::new).orElseGet(() -> new Answer(
            error("Invalid emotion: " + echo(value) + " (expected one of " + Emotions.expected() + ")")));
      }
      case "authenticate" -> {
        JsonNode token = message.get("token");
        yield new Authenticate(token != null && token.isTextual() ? token.asText() : null);
      }
      default -> new Answer(error("Unknown message type: " + echo(type)));
    };
  }

  static ObjectNode parse(String text) {
    try {
      return (ObjectNode) PARSE.invokeExact(text);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  static String echo(JsonNode value) {
    try {
      return (String) ECHO.invokeExact(value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode error(String message) {
    try {
      return (ObjectNode) ERROR.invokeExact(message);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new AssertionError(e);
    }
  }
}
