package io.herald.server.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.server.Handshake;
import io.herald.server.auth.TokenCarriers;
import io.vertx.core.MultiMap;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes where a token is read from: {@link TokenCarriers#fromHandshake}, {@link TokenCarriers#fromRequest} and
 * {@link TokenCarriers#bearer}, then verifies what they found with {@link JwtVerifyFuzzTest#verify}. Contract: no
 * exception; a token found is never blank and follows the documented order (auth.token, query, bearer header); a
 * bearer token is trimmed and comes from a header that starts with {@code Bearer } in any case.
 *
 * <p>Input: up to three lines, {@code auth.token}, query {@code token}, {@code Authorization} header; a missing
 * line is a missing value. The first line counts as JSON when it parses as JSON (so {@code 42} or {@code {}} is
 * a non-text auth.token), else as text. Seeds: {@code src/test/resources/io/herald/server/fuzz/TokenCarriersFuzzTestInputs/}.
 */
class TokenCarriersFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @FuzzTest(maxDuration = "10s")
  @Timeout(10)
  void findsTokensWithoutThrowing(byte[] input) {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String authLine = input.length == 0 ? null : lines[0];
    String queryToken = lines.length > 1 ? lines[1] : null;
    String authorization = lines.length > 2 ? lines[2] : null;

    String bearer = TokenCarriers.bearer(authorization);
    checkBearer(authorization, bearer);

    MultiMap query = MultiMap.caseInsensitiveMultiMap();
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (queryToken != null) {
      query.add("token", queryToken);
    }
    if (authorization != null) {
      headers.add("Authorization", authorization);
    }
    String fromRequest = TokenCarriers.fromRequest(query, headers);
    String expectedFromRequest = queryToken != null && !queryToken.isBlank() ? queryToken : bearer;
    assertThat(fromRequest).isEqualTo(expectedFromRequest);

    ObjectNode auth = JsonNodeFactory.instance.objectNode();
    JsonNode authToken = authLine == null ? null : authValue(authLine);
    if (authToken != null) {
      auth.set("token", authToken);
    }
    Handshake handshake = new Handshake(headers, query, auth, "127.0.0.1", FuzzTokens.NOW, "/socket.io/?EIO=4",
        false, false);
    String fromHandshake = TokenCarriers.fromHandshake(handshake);
    boolean authCounts = authToken != null && authToken.isTextual() && !authToken.asText().isBlank();
    assertThat(fromHandshake).isEqualTo(authCounts ? authToken.asText() : fromRequest);

    if (fromHandshake != null) {
      assertThat(fromHandshake).isNotBlank();
      JwtVerifyFuzzTest.verify(fromHandshake);
    }
    Handshake clean = handshake.withoutCredentials(TokenCarriers.CREDENTIAL_FIELDS);
    assertThat(TokenCarriers.fromHandshake(clean)).isNull();
  }

  private static void checkBearer(String authorization, String token) {
    if (token == null) {
      return;
    }
    String value = authorization.trim();
    assertThat(value.length()).isGreaterThan(7);
    assertThat(value.substring(0, 7)).isEqualToIgnoringCase("Bearer ");
    assertThat(token).isNotEmpty().isEqualTo(token.trim());
    assertThat(authorization).contains(token);
  }

  private static JsonNode authValue(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      return node == null || node.isMissingNode() ? JsonNodeFactory.instance.textNode(line) : node;
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.textNode(line);
    }
  }
}
