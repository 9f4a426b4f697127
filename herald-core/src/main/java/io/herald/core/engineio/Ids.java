package io.herald.core.engineio;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable identifiers for sessions and sockets: 15 random bytes as 20 URL-safe base64 characters. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  public static String next() {
    byte[] bytes = new byte[15];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
