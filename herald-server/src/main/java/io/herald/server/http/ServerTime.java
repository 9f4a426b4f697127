package io.herald.server.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Timestamps as JavaScript's {@code Date.prototype.toISOString()} writes them: {@code 2024-05-01T12:00:00.000Z}. */
public final class ServerTime {
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private ServerTime() {}

  public static String iso(Instant instant) {
    return ISO.format(instant);
  }
}
