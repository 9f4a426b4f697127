package io.herald.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.server.fuzz.WsMessageHarness.Answer;
import io.herald.server.fuzz.WsMessageHarness.Authenticate;
import io.herald.server.fuzz.WsMessageHarness.Outcome;
import io.herald.server.fuzz.WsMessageHarness.StoreEmotion;
import io.herald.server.state.Emotions;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the parsing of one {@code /api/ws} text message (the bytes of a WebSocket text frame, decoded as UTF-8 as
 * Vert.x does) through {@link WsMessageHarness}. Contract: no exception at all, since bad input is answered with an
 * {@code error} message and the connection stays open; every answer is a JSON object that serializes and parses
 * back; client values are echoed at most 64 characters long; only an allowed emotion is ever stored.
 *
 * <p>Seeds: {@code src/test/resources/io/herald/server/fuzz/WsMessageFuzzTestInputs/}, one message per file.
 */
class WsMessageFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  @DictionaryEntries({"\"type\"", "\"ping\"", "\"emotion_update\"", "\"authenticate\"", "\"emotion\"", "\"token\"",
      "\"happy\"", "\"Calm \""})
  void answersEveryTextMessageWithoutThrowing(byte[] frame) throws Exception {
    check(new String(frame, StandardCharsets.UTF_8));
  }

  static void check(String text) throws Exception {
    Outcome outcome = WsMessageHarness.onText(text);
    switch (outcome) {
      case Answer answer -> {
        ObjectNode message = answer.message();
        assertThat(message.get("type").asText()).isEqualTo("error");
        String written = message.toString();
        JsonNode reread = JSON.readTree(written);
        assertThat(reread.get("message").asText()).isEqualTo(message.get("message").asText());
        assertThat(message.get("message").asText().length()).isLessThan(2 * 64 + 200);
      }
      case StoreEmotion store -> assertThat(Emotions.ALLOWED).contains(store.emotion());
      case Authenticate authenticate -> {
        ObjectNode parsed = WsMessageHarness.parse(text);
        assertThat(parsed).isNotNull();
      }
    }
    ObjectNode parsed = WsMessageHarness.parse(text);
    if (parsed != null) {
      parsed.properties().forEach(field -> assertThat(WsMessageHarness.echo(field.getValue()).length())
          .isLessThanOrEqualTo(65));
    }
  }
}
