package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenSettingsTest {
  private static final String SECRET = "a-shared-secret-that-is-at-least-32-bytes-long";

  @TempDir
  Path dir;

  @Test
  void defaultsToHs256WithAnHourOfLifetimeAndThirtySecondsOfSkew() {
    TokenSettings settings = TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", SECRET), dir);

    assertThat(settings.algorithm()).isEqualTo(JwtAlgorithm.HS256);
    assertThat(settings.secret()).hasValueSatisfying(s -> assertThat(s).isEqualTo(SECRET.getBytes(StandardCharsets.UTF_8)));
    assertThat(settings.ttl()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.issuer()).isEmpty();
    assertThat(settings.jwksUrl()).isEmpty();
  }

  @Test
  void readsEverySetting() {
    TokenSettings settings = TokenSettings.fromEnv(Map.of(
        "HERALD_JWT_ALGORITHM", "hs512",
        "HERALD_JWT_SECRET", SECRET + SECRET,
        "HERALD_JWT_ISSUER", "https://herald.example",
        "HERALD_JWT_AUDIENCE", "herald-clients",
        "HERALD_JWT_TTL", "PT15M",
        "HERALD_JWT_CLOCK_SKEW", "10",
        "HERALD_JWT_JWKS_URL", "https://idp.example/.well-known/jwks.json",
        "HERALD_JWT_JWKS_ALGORITHMS", "RS256, PS256",
        "HERALD_JWT_JWKS_ISSUER", "https://idp.example/"), dir);

    assertThat(settings.algorithm()).isEqualTo(JwtAlgorithm.HS512);
    assertThat(settings.issuer()).hasValue("https://herald.example");
    assertThat(settings.audience()).hasValue("herald-clients");
    assertThat(settings.ttl()).isEqualTo(Duration.ofMinutes(15));
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.jwksAlgorithms()).containsExactlyInAnyOrder(JwtAlgorithm.RS256, JwtAlgorithm.PS256);
    assertThat(settings.jwksIssuer()).hasValue("https://idp.example/");
    assertThat(settings.jwksAudience()).hasValue("herald-clients");
  }

  @Test
  void acceptsTheLifetimeInSeconds() {
    TokenSettings settings = TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", SECRET, "HERALD_JWT_TTL", "3600"), dir);

    assertThat(settings.ttl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void refusesALifetimeItCannotRead() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", SECRET, "HERALD_JWT_TTL", "1 hour"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("HERALD_JWT_TTL: 1 hour (expected: seconds like 3600 or ISO-8601 like PT15M)");
  }

  @Test
  void refusesATooShortSecretWithAClearMessage() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", "too-short"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_JWT_SECRET is 9 bytes long (expected: at least 32 bytes for HS256");
  }

  @Test
  void requiresLongerSecretsForLongerHashes() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(
        Map.of("HERALD_JWT_ALGORITHM", "HS512", "HERALD_JWT_SECRET", SECRET), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 64 bytes for HS512");
  }

  @Test
  void toStringHidesTheSecret() {
    TokenSettings settings = TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", SECRET,
        "HERALD_JWT_JWKS_URL", "https://user:password@idp.example/jwks.json?key=abc"), dir);

    assertThat(settings.toString())
        .contains("HS256", "<hidden, 46 bytes>", "https://idp.example/jwks.json")
        .doesNotContain(SECRET, "password", "key=abc");
  }

  @Test
  void refusesAnUnknownAlgorithmNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_ALGORITHM", "none"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_JWT_ALGORITHM: none (expected one of: HS256, HS384, HS512, RS256");
  }

  @Test
  void refusesASecretWhenAKeyPairAlgorithmIsConfigured() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_ALGORITHM", "RS256", "HERALD_JWT_SECRET", SECRET), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HERALD_JWT_SECRET is set but HERALD_JWT_ALGORITHM is RS256");
  }

  @Test
  void refusesKeyFilesWhenAnHmacAlgorithmIsConfigured() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_PUBLIC_KEY", "/keys/public.pem"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("HERALD_JWT_ALGORITHM is HS256");
  }

  @Test
  void derivesTheRsaPublicKeyFromThePrivateKey() {
    KeyPair keys = JwtTestKeys.rsa();
    TokenSettings settings = TokenSettings.fromEnv(Map.of("HERALD_JWT_ALGORITHM", "RS256",
        "HERALD_JWT_PRIVATE_KEY", JwtTestKeys.pem(dir, "private.pem", keys.getPrivate()).toString()), dir);

    assertThat(settings.publicKey()).hasValue(keys.getPublic());
  }

  @Test
  void requiresThePublicKeyForEs256() {
    KeyPair keys = JwtTestKeys.ec("secp256r1");
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_ALGORITHM", "ES256",
        "HERALD_JWT_PRIVATE_KEY", JwtTestKeys.pem(dir, "private.pem", keys.getPrivate()).toString()), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("HERALD_JWT_PUBLIC_KEY: missing (expected for ES256");
  }

  @Test
  void explainsHowToConvertAnOldFormatPrivateKey() {
    Path pkcs1 = JwtTestKeys.pem(dir, "rsa.pem", "RSA PRIVATE KEY", new byte[] {1, 2, 3});

    assertThatThrownBy(() -> TokenSettings.fromEnv(
        Map.of("HERALD_JWT_ALGORITHM", "RS256", "HERALD_JWT_PRIVATE_KEY", pkcs1.toString()), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: PKCS#8")
        .hasMessageContaining("openssl pkcs8 -topk8");
  }

  @Test
  void refusesAPublicKeyOfTheWrongType() {
    Path ecPublic = JwtTestKeys.pem(dir, "ec.pem", JwtTestKeys.ec("secp256r1").getPublic());

    assertThatThrownBy(() -> TokenSettings.fromEnv(
        Map.of("HERALD_JWT_ALGORITHM", "RS256", "HERALD_JWT_PUBLIC_KEY", ecPublic.toString()), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an RSA public key (expected for RS256)");
  }

  @Test
  void refusesAnEcKeyOnAnotherCurveThanTheAlgorithmNames() {
    KeyPair p384 = JwtTestKeys.ec("secp384r1");

    assertThatThrownBy(() -> TokenSettings.builder().keyPair(JwtAlgorithm.ES256, null, p384.getPublic()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publicKey: an EC key on a 384-bit curve (expected: P-256 for ES256)");
    assertThat(TokenSettings.builder().keyPair(JwtAlgorithm.ES384, null, p384.getPublic()).build().algorithm())
        .isEqualTo(JwtAlgorithm.ES384);
  }

  @Test
  void refusesRsaKeysShorterThan2048Bits() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(1024);

    assertThatThrownBy(() -> TokenSettings.builder()
        .keyPair(JwtAlgorithm.RS256, null, generator.generateKeyPair().getPublic()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("publicKey: RSA key of 1024 bits (expected: at least 2048)");
  }

  @Test
  void refusesSymmetricAlgorithmsForTheJwks() {
    assertThatThrownBy(() -> TokenSettings.fromEnv(Map.of("HERALD_JWT_SECRET", SECRET,
        "HERALD_JWT_JWKS_URL", "https://idp.example/jwks.json", "HERALD_JWT_JWKS_ALGORITHMS", "HS256"), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwksAlgorithms: HS256");
  }
}
