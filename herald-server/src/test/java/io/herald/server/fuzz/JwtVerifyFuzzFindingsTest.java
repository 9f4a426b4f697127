package io.herald.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.JwtTokenService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Inputs {@link JwtVerifyFuzzTest} found that broke token verification, each fixed. */
class JwtVerifyFuzzFindingsTest {
  private final JwtTokenService service = FuzzTokens.service();

  /**
   * Found: a token whose header is the JSON {@code null} (fuzzer input {@code null,0"HS256":"k"}, signed) made
   * Nimbus' {@code JWTParser} throw a NullPointerException out of {@code verify}: the client was told
   * "authentication is unavailable" and a warning with a stack trace was logged, instead of {@code TOKEN_INVALID}.
   */
  @ParameterizedTest(name = "header {0}")
  @ValueSource(strings = {"null", "null,0\"HS256\":\"k\"}", " null "})
  void refusesATokenWhoseHeaderIsJsonNullAsInvalid(String header) {
    String token = base64(header) + "." + base64("{\"sub\":\"u\"}") + ".c2ln";

    assertThatThrownBy(() -> service.verify(token))
        .isInstanceOfSatisfying(AuthFailure.class, failure ->
            assertThat(failure.code()).isEqualTo(AuthFailure.Code.TOKEN_INVALID))
        .hasMessage("token is not a well-formed JWT");
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
