package io.herald.core.server;

import java.util.regex.Pattern;

/** Blanks the values of secret query parameters in a URL, for handshakes and logs. */
public final class UrlRedaction {
  private UrlRedaction() {}

  /** {@code /socket.io/?token=abc&x=1} with name {@code token} becomes {@code /socket.io/?token=[redacted]&x=1}. */
  public static String redact(String url, String name) {
    if (url == null || url.indexOf('?') < 0) {
      return url;
    }
    Pattern parameter = Pattern.compile("([?&]" + Pattern.quote(name) + "=)[^&#]*", Pattern.CASE_INSENSITIVE);
    return parameter.matcher(url).replaceAll("$1[redacted]");
  }
}
