package io.herald.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmotionsTest {
  @Test
  void acceptsTheDocumentedEmotionsInAnyCaseAndTrimmed() {
    assertThat(Emotions.ALLOWED).containsExactly(
        "happy", "sad", "angry", "surprised", "fearful", "disgusted", "neutral", "calm", "excited", "tired");
    for (String emotion : Emotions.ALLOWED) {
      assertThat(Emotions.normalize(emotion)).contains(emotion);
    }
    assertThat(Emotions.normalize(" HaPpy\t")).contains("happy");
  }

  @Test
  void refusesAnythingElse() {
    assertThat(Emotions.normalize(null)).isEmpty();
    assertThat(Emotions.normalize("")).isEmpty();
    assertThat(Emotions.normalize("hangry")).isEmpty();
    assertThat(Emotions.normalize("happy".repeat(10))).isEmpty();
  }

  @Test
  void listsTheExpectedEmotionsForErrorMessages() {
    assertThat(Emotions.expected())
        .isEqualTo("happy, sad, angry, surprised, fearful, disgusted, neutral, calm, excited, tired");
  }
}
