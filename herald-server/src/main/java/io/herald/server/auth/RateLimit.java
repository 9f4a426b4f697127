package io.herald.server.auth;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token bucket's shape: up to {@code permits} at once, refilled at {@code permits} per {@code period} (so
 * {@code 10/1m} allows a burst of 10, then one every 6 seconds).
 *
 * @param permits the bucket's capacity, > 0
 * @param period how long an empty bucket takes to fill again, > 0
 */
public record RateLimit(int permits, Duration period) {
  private static final Pattern SPEC = Pattern.compile("(\\d{1,9})\\s*/\\s*(\\S+)");
  private static final Pattern SHORT_PERIOD = Pattern.compile("(\\d{0,9})([smhd])");

  public RateLimit {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: > 0)");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
    }
  }

  /** The time one permit takes to come back. */
  public Duration refillInterval() {
    return period.dividedBy(permits);
  }

  /**
   * Parses {@code <permits>/<period>}, where the period is a number with a unit {@code s}, {@code m}, {@code h} or
   * {@code d} ({@code 10/1m}, {@code 100/30s}, {@code 5/m}) or ISO-8601 ({@code 10/PT1M}).
   *
   * @throws IllegalArgumentException if the text has another form
   */
  public static RateLimit parse(String text) {
    Matcher spec = SPEC.matcher(text.strip());
    if (!spec.matches()) {
      throw new IllegalArgumentException(text + " (expected: <permits>/<period>, such as 10/1m or 100/30s)");
    }
    return new RateLimit(Integer.parseInt(spec.group(1)), period(spec.group(2), text));
  }

  private static Duration period(String period, String text) {
    Matcher simple = SHORT_PERIOD.matcher(period.toLowerCase(Locale.ROOT));
    if (simple.matches()) {
      long amount = simple.group(1).isEmpty() ? 1 : Long.parseLong(simple.group(1));
      return switch (simple.group(2)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    }
    try {
      return Duration.parse(period);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(text + " (expected a period such as 1m, 30s, 1h or PT1M after the /)");
    }
  }

  @Override
  public String toString() {
    return permits + "/" + period;
  }
}
