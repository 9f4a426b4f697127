package io.herald.server.fuzz;

import io.herald.server.auth.JwtAlgorithm;
import io.herald.server.auth.JwtTokenService;
import io.herald.server.auth.TokenSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A token service with a known HS256 secret, and a signer so that fuzzed headers and claims pass the signature. */
final class FuzzTokens {
  static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  static final String SECRET = "a-shared-secret-that-is-at-least-32-bytes-long";
  static final String ISSUER = "herald";
  static final String AUDIENCE = "herald-clients";

  private FuzzTokens() {}

  /** HS256 with issuer and audience required, at a fixed time. */
  static JwtTokenService service() {
    return new JwtTokenService(TokenSettings.builder()
        .hmac(JwtAlgorithm.HS256, SECRET.getBytes(StandardCharsets.UTF_8))
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .build(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A compact JWS of the given header and claims texts (any text, not necessarily JSON), signed with HS256. */
  static String sign(String header, String claims) {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return input + "." + base64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
