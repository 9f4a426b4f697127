package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.herald.server.auth.AuthFailure.Code;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtTokenServiceTest {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String SECRET = "a-shared-secret-that-is-at-least-32-bytes-long";
  private static final User ADA = new User("user-1", "ada@example.com", Set.of("user", "admin"), 3, false, NOW);

  @TempDir
  Path dir;

  @Test
  void issuesAndVerifiesAnHs256Token() throws Exception {
    JwtTokenService service = hmacService(SECRET);

    IssuedToken issued = service.issue(ADA);
    VerifiedToken verified = service.verify(issued.token());

    assertThat(issued.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    assertThat(verified).isEqualTo(
        new VerifiedToken("user-1", "ada@example.com", Set.of("user", "admin"), 3, issued.expiresAt(), false));
    SignedJWT jwt = SignedJWT.parse(issued.token());
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
    assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
    assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
    assertThat(jwt.getJWTClaimsSet().getJWTID()).isNotBlank();
    assertThat(jwt.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("admin", "user");
  }

  @Test
  void givesEachTokenItsOwnId() throws Exception {
    JwtTokenService service = hmacService(SECRET);

    String first = SignedJWT.parse(service.issue(ADA).token()).getJWTClaimsSet().getJWTID();
    String second = SignedJWT.parse(service.issue(ADA).token()).getJWTClaimsSet().getJWTID();

    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void issuesAndVerifiesAnRs256TokenWithKeysFromPemFiles() throws Exception {
    KeyPair keys = JwtTestKeys.rsa();
    JwtTokenService service = new JwtTokenService(TokenSettings.fromEnv(Map.of(
        "HERALD_JWT_ALGORITHM", "RS256",
        "HERALD_JWT_PRIVATE_KEY", JwtTestKeys.pem(dir, "private.pem", keys.getPrivate()).toString(),
        "HERALD_JWT_PUBLIC_KEY", JwtTestKeys.pem(dir, "public.pem", keys.getPublic()).toString()), dir), CLOCK);

    String token = service.issue(ADA).token();

    assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
    assertThat(service.verify(token).userId()).isEqualTo("user-1");
  }

  @Test
  void issuesAndVerifiesAnEs256TokenWithKeysFromPemFiles() throws Exception {
    KeyPair keys = JwtTestKeys.ec("secp256r1");
    JwtTokenService service = new JwtTokenService(TokenSettings.fromEnv(Map.of(
        "HERALD_JWT_ALGORITHM", "ES256",
        "HERALD_JWT_PRIVATE_KEY", JwtTestKeys.pem(dir, "private.pem", keys.getPrivate()).toString(),
        "HERALD_JWT_PUBLIC_KEY", JwtTestKeys.pem(dir, "public.pem", keys.getPublic()).toString()), dir), CLOCK);

    String token = service.issue(ADA).token();

    assertThat(SignedJWT.parse(token).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(service.verify(token).tokenVersion()).isEqualTo(3);
  }

  @Test
  void setsAndRequiresIssuerAndAudienceWhenConfigured() throws Exception {
    TokenSettings settings = hmacSettings(SECRET).issuer("https://herald.example").audience("herald-clients").build();
    JwtTokenService service = new JwtTokenService(settings, CLOCK);

    JWTClaimsSet claims = SignedJWT.parse(service.issue(ADA).token()).getJWTClaimsSet();

    assertThat(claims.getIssuer()).isEqualTo("https://herald.example");
    assertThat(claims.getAudience()).containsExactly("herald-clients");
    assertThat(service.verify(service.issue(ADA).token()).userId()).isEqualTo("user-1");
  }

  @Test
  void acceptsATokenTwentySecondsPastItsExpiryWithinTheClockSkew() throws Exception {
    String token = hmacService(SECRET).issue(ADA).token();
    JwtTokenService later = new JwtTokenService(hmacSettings(SECRET).build(), at(NOW.plusSeconds(3600 + 20)));

    assertThat(later.verify(token).userId()).isEqualTo("user-1");
  }

  @Test
  void refusesATokenThirtyOneSecondsPastItsExpiryAsExpired() {
    String token = hmacService(SECRET).issue(ADA).token();
    JwtTokenService later = new JwtTokenService(hmacSettings(SECRET).build(), at(NOW.plusSeconds(3600 + 31)));

    assertRefused(() -> later.verify(token), Code.TOKEN_EXPIRED, "token expired at 2030-01-01T13:00:00Z");
  }

  @Test
  void refusesATokenThatIsNotValidYet() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).notBeforeTime(Date.from(NOW.plusSeconds(60))).build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "not valid before");
  }

  @Test
  void refusesATokenSignedWithAnotherSecret() {
    String token = hmacService("another-secret-that-is-also-32-bytes-or-longer").issue(ADA).token();

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "signature");
  }

  @Test
  void refusesATokenWhosePayloadWasChanged() {
    String[] parts = hmacService(SECRET).issue(ADA).token().split("\\.");
    String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"admin\",\"tokenVersion\":3,\"exp\":1893499200}".getBytes(StandardCharsets.UTF_8));
    String token = parts[0] + "." + forged + "." + parts[2];

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "signature");
  }

  @Test
  void refusesAnUnsignedAlgNoneToken() {
    String token = new PlainJWT(JwtTestKeys.claims(NOW).build()).serialize();

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "unsigned");
  }

  @Test
  void refusesAnAlgNoneTokenThatCarriesASignature() {
    String header = Base64.getUrlEncoder().withoutPadding()
        .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String[] signed = hmacService(SECRET).issue(ADA).token().split("\\.");
    String token = header + "." + signed[1] + "." + signed[2];

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "");
  }

  @Test
  void refusesAnHs256TokenSignedWithTheRsaPublicKeyWhenRs256IsConfigured() throws Exception {
    KeyPair keys = JwtTestKeys.rsa();
    Path publicPem = JwtTestKeys.pem(dir, "public.pem", keys.getPublic());
    JwtTokenService service = new JwtTokenService(TokenSettings.fromEnv(Map.of(
        "HERALD_JWT_ALGORITHM", "RS256", "HERALD_JWT_PUBLIC_KEY", publicPem.toString()), dir), CLOCK);
    String confused = JwtTestKeys.sign(JWSAlgorithm.HS256, null, new MACSigner(Files.readAllBytes(publicPem)),
        JwtTestKeys.claims(NOW).build());
    String confusedDer = JwtTestKeys.sign(JWSAlgorithm.HS256, null, new MACSigner(keys.getPublic().getEncoded()),
        JwtTestKeys.claims(NOW).build());

    assertRefused(() -> service.verify(confused), Code.TOKEN_INVALID, "algorithm not accepted");
    assertRefused(() -> service.verify(confusedDer), Code.TOKEN_INVALID, "algorithm not accepted");
  }

  @Test
  void refusesAnRs256TokenWhenHs256IsConfigured() {
    String token = JwtTestKeys.sign(JWSAlgorithm.RS256, null, new RSASSASigner(JwtTestKeys.rsa().getPrivate()),
        JwtTestKeys.claims(NOW).build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "algorithm not accepted");
  }

  @Test
  void refusesAnHs512TokenWhenHs256IsConfiguredWithTheSameSecret() throws Exception {
    String secret = SECRET + SECRET;
    String token = JwtTestKeys.sign(JWSAlgorithm.HS512, null, macSigner(secret), JwtTestKeys.claims(NOW).build());

    assertRefused(() -> hmacService(secret).verify(token), Code.TOKEN_INVALID, "algorithm not accepted");
  }

  @Test
  void refusesATokenFromAnotherIssuer() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).issuer("https://evil.example").build());
    JwtTokenService service = new JwtTokenService(hmacSettings(SECRET).issuer("https://herald.example").build(), CLOCK);

    assertRefused(() -> service.verify(token), Code.TOKEN_INVALID, "issuer");
  }

  @Test
  void refusesATokenForAnotherAudience() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).audience("another-app").build());
    JwtTokenService service = new JwtTokenService(hmacSettings(SECRET).audience("herald-clients").build(), CLOCK);

    assertRefused(() -> service.verify(token), Code.TOKEN_INVALID, "audience");
  }

  @Test
  void refusesATokenWithoutAudienceWhenOneIsRequired() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET), JwtTestKeys.claims(NOW).build());
    JwtTokenService service = new JwtTokenService(hmacSettings(SECRET).audience("herald-clients").build(), CLOCK);

    assertRefused(() -> service.verify(token), Code.TOKEN_INVALID, "audience");
  }

  @Test
  void refusesATokenWithoutSubject() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).subject(null).build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "no subject");
  }

  @Test
  void refusesAHeraldTokenWithoutTokenVersion() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).claim("tokenVersion", null).build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "tokenVersion");
  }

  @Test
  void refusesATokenWithoutExpiry() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).expirationTime(null).build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "no expiry");
  }

  @Test
  void refusesRolesThatAreNotAListOfStrings() {
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, null, macSigner(SECRET),
        JwtTestKeys.claims(NOW).claim("roles", "admin").build());

    assertRefused(() -> hmacService(SECRET).verify(token), Code.TOKEN_INVALID, "roles");
  }

  @Test
  void refusesGarbageEmptyAndHugeTokensWithoutEchoingThem() {
    JwtTokenService service = hmacService(SECRET);

    assertRefused(() -> service.verify("not.a.jwt-at-all"), Code.TOKEN_INVALID, "well-formed");
    assertRefused(() -> service.verify(""), Code.TOKEN_INVALID, "empty");
    assertRefused(() -> service.verify("x".repeat(20_000)), Code.TOKEN_INVALID, "too long");
  }

  @Test
  void verifiesWithAPublicKeyAloneButRefusesToIssue() throws Exception {
    KeyPair keys = JwtTestKeys.ec("secp256r1");
    JwtTokenService verifyOnly = new JwtTokenService(
        TokenSettings.builder().keyPair(JwtAlgorithm.ES256, null, keys.getPublic()).build(), CLOCK);
    String token = JwtTestKeys.sign(JWSAlgorithm.ES256, null, new ECDSASigner((ECPrivateKey) keys.getPrivate()),
        JwtTestKeys.claims(NOW).build());

    assertThat(verifyOnly.verify(token).userId()).isEqualTo("user-1");
    assertThatThrownBy(() -> verifyOnly.issue(ADA))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("public key only")
        .hasMessageContaining("HERALD_JWT_PRIVATE_KEY");
  }

  @Test
  void refusesAPrivateKeyThatDoesNotMatchThePublicKey() {
    TokenSettings settings = TokenSettings.builder()
        .keyPair(JwtAlgorithm.RS256, JwtTestKeys.rsa().getPrivate(), JwtTestKeys.rsa().getPublic()).build();

    assertThatThrownBy(() -> new JwtTokenService(settings, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("private key does not sign tokens its public key accepts");
  }

  private static void assertRefused(ThrowingCallable verify, Code code, String message) {
    assertThatThrownBy(verify)
        .isInstanceOfSatisfying(AuthFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo(code);
          assertThat(failure.getMessage()).contains(message).hasSizeLessThan(80);
        });
  }

  private static TokenSettings.Builder hmacSettings(String secret) {
    return TokenSettings.builder().hmac(JwtAlgorithm.HS256, secret.getBytes(StandardCharsets.UTF_8));
  }

  private static JwtTokenService hmacService(String secret) {
    return new JwtTokenService(hmacSettings(secret).build(), CLOCK);
  }

  private static MACSigner macSigner(String secret) {
    try {
      return new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
    } catch (com.nimbusds.jose.KeyLengthException e) {
      throw new AssertionError(e);
    }
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }
}
