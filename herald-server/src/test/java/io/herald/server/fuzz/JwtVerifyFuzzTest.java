package io.herald.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.JwtTokenService;
import io.herald.server.auth.VerifiedToken;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes {@link JwtTokenService#verify} with any string, and with fuzzed headers and claims that carry a valid HS256
 * signature (so that the claim checks are reached too). Contract: only {@link AuthFailure} escapes, and an accepted
 * token has a subject, an expiry not in the past (30 s skew) and the required issuer and audience.
 *
 * <p>Input: the UTF-8 text is verified as it is. It is also split at its first newline into a header and a claims
 * text (without a newline: header {@code {"alg":"HS256"}}, claims the whole text), which are signed and verified.
 * Seeds: {@code src/test/resources/io/herald/server/fuzz/JwtVerifyFuzzTestInputs/}.
 */
class JwtVerifyFuzzTest {
  private static final JwtTokenService SERVICE = FuzzTokens.service();

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  @DictionaryEntries({"\"alg\"", "\"HS256\"", "\"typ\"", "\"JWT\"", "\"crit\"", "\"b64\"", "\"kid\"", "\"sub\"",
      "\"exp\"", "\"nbf\"", "\"iat\"", "\"iss\"", "\"aud\"", "\"herald\"", "\"herald-clients\"", "\"roles\"",
      "\"tokenVersion\"", "\"email\"", "1893499200", "eyJ"})
  void verifiesAnyStringOrFailsWithAuthFailure(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    verify(text);
    int newline = text.indexOf('\n');
    if (newline < 0) {
      verify(FuzzTokens.sign("{\"alg\":\"HS256\"}", text));
    } else {
      verify(FuzzTokens.sign(text.substring(0, newline), text.substring(newline + 1)));
    }
  }

  static void verify(String token) {
    VerifiedToken verified;
    try {
      verified = SERVICE.verify(token);
    } catch (AuthFailure expected) {
      assertThat(expected.code()).isNotNull();
      assertThat(expected.getMessage()).isNotBlank();
      return;
    }
    assertThat(verified.userId()).isNotBlank();
    assertThat(verified.expiresAt()).isAfterOrEqualTo(FuzzTokens.NOW.minusSeconds(30));
    JWTClaimsSet claims;
    try {
      claims = SignedJWT.parse(token.strip()).getJWTClaimsSet();
    } catch (ParseException e) {
      throw new AssertionError("accepted a token that does not parse", e);
    }
    assertThat(claims.getIssuer()).isEqualTo(FuzzTokens.ISSUER);
    assertThat(claims.getAudience()).contains(FuzzTokens.AUDIENCE);
  }
}
