package io.herald.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.server.state.Emotions;
import io.herald.server.state.WsCommand;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes what the gateway decides for one {@code /api/ws} text message ({@link WsCommand#of}, the first thing
 * {@code EmotionProtocol.onText} does with it), from the bytes of a WebSocket text frame decoded as UTF-8 as Vert.x
 * does. Contract: no exception at all, since bad input is answered with an {@code error} message and the connection
 * stays open; every answer is a JSON object that serializes and parses back, echoing client values at most 64
 * characters long; only an allowed emotion is ever stored; a token is only ever the message's own {@code token}.
 *
 * <p>Seeds: {@code src/test/resources/io/herald/server/fuzz/WsMessageFuzzTestInputs/}, one message per file.
 */
class WsMessageFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The longest error text: the longest fixed message plus two echoed values. */
  private static final int MAX_ERROR_CHARS = 2 * 65 + 200;

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  @DictionaryEntries({"\"type\"", "\"ping\"", "\"emotion_update\"", "\"authenticate\"", "\"emotion\"", "\"token\"",
      "\"happy\"", "\"Calm \""})
  void answersEveryTextMessageWithoutThrowing(byte[] frame) throws Exception {
    check(new String(frame, StandardCharsets.UTF_8));
  }

  static void check(String text) throws Exception {
    switch (WsCommand.of(text)) {
      case WsCommand.Refuse refuse -> {
        ObjectNode answer = refuse.answer();
        assertThat(answer.get("type").asText()).isEqualTo("error");
        JsonNode reread = JSON.readTree(answer.toString());
        assertThat(reread).isEqualTo(answer);
        assertThat(answer.get("message").asText().length()).isLessThan(MAX_ERROR_CHARS);
      }
      case WsCommand.UpdateEmotion update -> assertThat(Emotions.ALLOWED).contains(update.emotion());
      case WsCommand.Authenticate authenticate -> {
        JsonNode token = JSON.readTree(text).get("token");
        assertThat(authenticate.token()).isEqualTo(token != null && token.isTextual() ? token.asText() : null);
      }
      case WsCommand.Ping ping -> assertThat(JSON.readTree(text).get("type").asText()).isEqualTo("ping");
    }
  }
}
