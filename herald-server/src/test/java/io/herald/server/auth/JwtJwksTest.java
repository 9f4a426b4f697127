package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.herald.server.auth.AuthFailure.Code;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens of an external identity provider, checked against a JWKS served by a real local HTTP server. */
class JwtJwksTest {
  private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final byte[] SECRET = "herald's-own-secret-that-is-32-bytes-or-more".getBytes(StandardCharsets.UTF_8);

  private final KeyPair providerKeys = JwtTestKeys.rsa();
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer server;
  private URI jwksUrl;

  @BeforeEach
  void startProvider() throws IOException {
    String jwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) providerKeys.getPublic())
        .keyID("provider-key-1").keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build()).toString();
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/.well-known/jwks.json", exchange -> {
      fetches.incrementAndGet();
      byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    jwksUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json");
  }

  @AfterEach
  void stopProvider() {
    server.stop(0);
  }

  @Test
  void acceptsATokenSignedByAJwksKeyAsExternal() throws Exception {
    JwtTokenService service = service(settings().build());
    String token = providerToken("provider-key-1", providerClaims().build());

    VerifiedToken verified = service.verify(token);

    assertThat(verified).isEqualTo(new VerifiedToken("idp|42", "grace@example.com", Set.of("editor"), -1,
        NOW.plusSeconds(600), true));
  }

  @Test
  void fetchesTheJwksOnceForManyTokens() throws Exception {
    JwtTokenService service = service(settings().build());

    for (int i = 0; i < 5; i++) {
      service.verify(providerToken("provider-key-1", providerClaims().build()));
    }

    assertThat(fetches).hasValue(1);
  }

  @Test
  void stillAcceptsHeraldsOwnTokens() throws Exception {
    JwtTokenService service = service(settings().build());
    User user = new User("user-1", "ada@example.com", Set.of("user"), 0, false, NOW);

    VerifiedToken verified = service.verify(service.issue(user).token());

    assertThat(verified.external()).isFalse();
    assertThat(verified.tokenVersion()).isZero();
  }

  @Test
  void refusesATokenSignedByAnUnknownKey() {
    JwtTokenService service = service(settings().build());
    RSASSASigner stranger = new RSASSASigner(JwtTestKeys.rsa().getPrivate());

    assertRefused(service, JwtTestKeys.sign(JWSAlgorithm.RS256, "unknown-key", stranger, providerClaims().build()));
    assertRefused(service, JwtTestKeys.sign(JWSAlgorithm.RS256, "provider-key-1", stranger, providerClaims().build()));
    assertRefused(service, JwtTestKeys.sign(JWSAlgorithm.RS256, null, stranger, providerClaims().build()));
  }

  @Test
  void refetchesTheJwksRarelyHoweverManyUnknownKeyIdsArrive() throws Exception {
    JwtTokenService service = service(settings().build());
    service.verify(providerToken("provider-key-1", providerClaims().build()));
    RSASSASigner stranger = new RSASSASigner(JwtTestKeys.rsa().getPrivate());

    for (int i = 0; i < 20; i++) {
      String token = JwtTestKeys.sign(JWSAlgorithm.RS256, "unknown-" + i, stranger, providerClaims().build());
      assertThatThrownBy(() -> service.verify(token))
          .isInstanceOfSatisfying(AuthFailure.class, f -> assertThat(f.getMessage()).isEqualTo(
              "no signing key matches the token"));
    }

    assertThat(fetches.get()).isBetween(1, 3);
  }

  @Test
  void refusesAnHs256TokenSignedWithTheJwksPublicKey() throws Exception {
    JwtTokenService service = service(settings().build());
    String token = JwtTestKeys.sign(JWSAlgorithm.HS256, "provider-key-1",
        new MACSigner(providerKeys.getPublic().getEncoded()), providerClaims().build());

    assertRefused(service, token);
  }

  @Test
  void refusesAnAlgorithmTheJwksIsNotTrustedFor() {
    JwtTokenService service = service(settings().jwks(jwksUrl, Set.of(JwtAlgorithm.ES256)).build());
    String token = providerToken("provider-key-1", providerClaims().build());

    assertRefused(service, token);
  }

  @Test
  void requiresTheProvidersIssuerAndAudienceWhenConfigured() throws Exception {
    JwtTokenService service = service(settings().jwksIssuer("https://idp.example").jwksAudience("herald").build());

    assertThat(service.verify(providerToken("provider-key-1", providerClaims().build())).userId()).isEqualTo("idp|42");
    assertRefused(service, providerToken("provider-key-1", providerClaims().issuer("https://other.example").build()));
    assertRefused(service, providerToken("provider-key-1", providerClaims().audience("another-app").build()));
  }

  @Test
  void refusesAnExpiredProviderTokenAsExpired() {
    JwtTokenService service = service(settings().build());
    String token = providerToken("provider-key-1", providerClaims()
        .expirationTime(java.util.Date.from(NOW.minusSeconds(60))).build());

    assertThatThrownBy(() -> service.verify(token))
        .isInstanceOfSatisfying(AuthFailure.class, f -> assertThat(f.code()).isEqualTo(Code.TOKEN_EXPIRED));
  }

  @Test
  void refusesProviderTokensWhenTheJwksCannotBeFetched() {
    server.stop(0);
    JwtTokenService service = service(settings().build());

    assertThatThrownBy(() -> service.verify(providerToken("provider-key-1", providerClaims().build())))
        .isInstanceOfSatisfying(AuthFailure.class, f -> {
          assertThat(f.code()).isEqualTo(Code.TOKEN_INVALID);
          assertThat(f.getMessage()).contains("keys unavailable");
        });
  }

  private void assertRefused(JwtTokenService service, String token) {
    assertThatThrownBy(() -> service.verify(token))
        .isInstanceOfSatisfying(AuthFailure.class, f -> assertThat(f.code()).isEqualTo(Code.TOKEN_INVALID));
  }

  private TokenSettings.Builder settings() {
    return TokenSettings.builder().hmac(JwtAlgorithm.HS256, SECRET).jwks(jwksUrl, Set.of(JwtAlgorithm.RS256));
  }

  private static JwtTokenService service(TokenSettings settings) {
    return new JwtTokenService(settings, CLOCK);
  }

  private String providerToken(String keyId, JWTClaimsSet claims) {
    return JwtTestKeys.sign(JWSAlgorithm.RS256, keyId, new RSASSASigner(providerKeys.getPrivate()), claims);
  }

  private static JWTClaimsSet.Builder providerClaims() {
    return new JWTClaimsSet.Builder()
        .issuer("https://idp.example")
        .audience(List.of("herald"))
        .subject("idp|42")
        .claim("email", "grace@example.com")
        .claim("roles", List.of("editor"))
        .issueTime(java.util.Date.from(NOW))
        .expirationTime(java.util.Date.from(NOW.plusSeconds(600)));
  }
}
