package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.herald.server.state.EmotionRepository.Emotion;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WsMessagesTest {
  @Test
  void writesTimestampsInUtcWithMilliseconds() {
    assertThat(WsMessages.timestamp(Instant.parse("2023-05-09T14:30:00Z"))).isEqualTo("2023-05-09T14:30:00.000Z");
    assertThat(WsMessages.timestamp(Instant.parse("2023-05-09T14:30:00.123456Z")))
        .isEqualTo("2023-05-09T14:30:00.123Z");
  }

  @Test
  void buildsTheSeedsMessages() {
    Instant at = Instant.parse("2023-05-09T14:35:00Z");
    assertThat(WsMessages.emotionUpdate(new Emotion("123", "happy", at)).toString()).isEqualTo(
        "{\"type\":\"emotion_update\",\"user_id\":\"123\",\"emotion\":\"happy\",\"timestamp\":\"2023-05-09T14:35:00.000Z\"}");
    assertThat(WsMessages.connectionEstablished("123", at).toString()).isEqualTo(
        "{\"type\":\"connection_established\",\"message\":\"Connected to emotion detection WebSocket server\","
            + "\"timestamp\":\"2023-05-09T14:35:00.000Z\",\"user_id\":\"123\"}");
    assertThat(WsMessages.error("Invalid message format").toString())
        .isEqualTo("{\"type\":\"error\",\"message\":\"Invalid message format\"}");
  }

  @Test
  void parsesOnlyJsonObjects() {
    assertThat(WsMessages.parse("{\"type\":\"ping\"}")).isNotNull();
    assertThat(WsMessages.parse("[1]")).isNull();
    assertThat(WsMessages.parse("\"ping\"")).isNull();
    assertThat(WsMessages.parse("{\"type\":")).isNull();
    assertThat(WsMessages.parse("")).isNull();
  }

  @Test
  void shortensEchoedValues() {
    assertThat(WsMessages.echo(null)).isEqualTo("missing");
    assertThat(WsMessages.echo(IntNode.valueOf(42))).isEqualTo("42");
    assertThat(WsMessages.echo(TextNode.valueOf("x".repeat(100)))).isEqualTo("x".repeat(64) + "…");
  }
}
