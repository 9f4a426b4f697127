package io.herald.server.state;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The emotions a client may set over {@code /api/ws} (seed 004), in one place. A value is accepted when, trimmed and
 * lower-cased, it is one of {@link #ALLOWED}; it is stored and pushed in that normalised form.
 */
public final class Emotions {
  /** The accepted emotions, in the order error messages list them. */
  public static final List<String> ALLOWED = List.of(
      "happy", "sad", "angry", "surprised", "fearful", "disgusted", "neutral", "calm", "excited", "tired");

  private static final Set<String> SET = Set.copyOf(ALLOWED);
  private static final int MAX_LENGTH = 32;

  private Emotions() {}

  /** The normalised emotion, or empty when {@code raw} is {@code null} or not an accepted emotion. */
  public static Optional<String> normalize(String raw) {
    if (raw == null || raw.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    String value = raw.trim().toLowerCase(Locale.ROOT);
    return SET.contains(value) ? Optional.of(value) : Optional.empty();
  }

  /** {@code "happy, sad, …"}: the accepted emotions, for error messages. */
  public static String expected() {
    return String.join(", ", ALLOWED);
  }
}
