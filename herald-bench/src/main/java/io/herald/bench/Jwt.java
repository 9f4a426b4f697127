package io.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.socketio.PayloadMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HS256 JSON Web Tokens with a plain HMAC, the same check as {@code verifyJwt} in
 * {@code bench/node-reference/server.js}: the header's {@code alg} is HS256, the signature matches, and
 * {@code exp} (if present) is in the future.
 */
final class Jwt {
  static final String DEFAULT_SECRET = "herald-bench-secret-0123456789abcdef";
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
      .getBytes(StandardCharsets.UTF_8));

  private Jwt() {}

  private static Mac mac(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs {@code {"sub":..., "exp":...}}; used by the load generator. Not thread-safe (one per thread). */
  static final class Signer {
    private final Mac mac;

    Signer(String secret) {
      this.mac = mac(secret);
    }

    String sign(String subject, long expiresEpochSeconds) {
      String payload = B64.encodeToString(("{\"sub\":\"" + subject + "\",\"exp\":" + expiresEpochSeconds + "}")
          .getBytes(StandardCharsets.UTF_8));
      String input = HEADER + "." + payload;
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }
  }

  /** Checks tokens; thread-safe (one Mac per thread). */
  static final class Verifier {
    private final ThreadLocal<Mac> macs;

    Verifier(String secret) {
      this.macs = ThreadLocal.withInitial(() -> mac(secret));
    }

    /** The token's subject, or {@code null} if the token is not a valid, unexpired HS256 token. */
    String verify(String token) {
      int dot1 = token.indexOf('.');
      int dot2 = dot1 < 0 ? -1 : token.indexOf('.', dot1 + 1);
      if (dot1 < 0 || dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
        return null;
      }
      try {
        JsonNode header = PayloadMapper.get().readTree(B64D.decode(token.substring(0, dot1)));
        if (!"HS256".equals(header.path("alg").asText())) {
          return null;
        }
        byte[] expected = macs.get().doFinal(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
        byte[] given = B64D.decode(token.substring(dot2 + 1));
        if (!MessageDigest.isEqual(expected, given)) {
          return null;
        }
        JsonNode claims = PayloadMapper.get().readTree(B64D.decode(token.substring(dot1 + 1, dot2)));
        JsonNode exp = claims.path("exp");
        if (exp.isNumber() && exp.asLong() * 1000 < System.currentTimeMillis()) {
          return null;
        }
        return claims.path("sub").asText();
      } catch (java.io.IOException | IllegalArgumentException e) {
        return null;
      }
    }
  }
}
