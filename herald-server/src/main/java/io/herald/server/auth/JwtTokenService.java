package io.herald.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.JWTProcessor;
import io.herald.server.auth.AuthFailure.Code;
import java.net.URI;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs Herald's tokens and checks them and, when a JWKS URL is configured, those of an external identity provider.
 * Only the configured algorithms are accepted: never {@code none}, never an HS* token where a key pair is configured
 * (nor the reverse). Tokens never appear in logs or messages.
 */
public final class JwtTokenService implements TokenService {
  /** Longer tokens are refused before parsing. */
  static final int MAX_TOKEN_CHARS = 16 * 1024;
  private static final Logger log = LoggerFactory.getLogger(JwtTokenService.class);
  private static final long KEYS_WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final TokenSettings settings;
  private final Clock clock;
  private final JWSSigner signer;
  private final JWTProcessor<SecurityContext> local;
  private final JwtClaimsCheck localClaims;
  private final JWTProcessor<SecurityContext> external;
  private final JwtClaimsCheck externalClaims;
  private final AtomicLong lastKeysWarning = new AtomicLong();

  public JwtTokenService(TokenSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.signer = signer(settings);
    this.local = JwtProcessors.local(settings);
    this.localClaims = new JwtClaimsCheck(settings.issuer().orElse(null), settings.audience().orElse(null),
        settings.clockSkew(), clock, false);
    boolean jwks = settings.jwksUrl().isPresent();
    this.external = jwks ? JwtProcessors.external(settings) : null;
    this.externalClaims = jwks ? new JwtClaimsCheck(settings.jwksIssuer().orElse(null),
        settings.jwksAudience().orElse(null), settings.clockSkew(), clock, true) : null;
    checkKeysMatch();
  }

  /** Signs and checks one token at startup, so a private key that does not match the public key fails fast. */
  private void checkKeysMatch() {
    if (signer == null) {
      return;
    }
    SignedJWT probe = new SignedJWT(new JWSHeader(settings.algorithm().jws()), new JWTClaimsSet.Builder().build());
    try {
      probe.sign(signer);
      local.process(probe, null);
    } catch (JOSEException | BadJOSEException e) {
      throw new IllegalArgumentException("the private key does not sign tokens its public key accepts ("
          + settings.algorithm() + "): " + e.getMessage(), e);
    }
  }

  @Override
  public IssuedToken issue(User user) {
    if (signer == null) {
      throw new IllegalStateException("cannot issue tokens: " + settings.algorithm()
          + " is configured with a public key only (set HERALD_JWT_PRIVATE_KEY to sign)");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant expiresAt = now.plus(settings.ttl()).truncatedTo(ChronoUnit.SECONDS);
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(user.id())
        .claim("email", user.email())
        .claim("roles", user.roles().stream().sorted().toList())
        .claim("tokenVersion", user.tokenVersion())
        .issueTime(Date.from(now))
        .expirationTime(Date.from(expiresAt))
        .jwtID(UUID.randomUUID().toString());
    settings.issuer().ifPresent(claims::issuer);
    settings.audience().ifPresent(claims::audience);
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(settings.algorithm().jws()).type(JOSEObjectType.JWT).build(), claims.build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token with " + settings.algorithm() + ": " + e.getMessage(), e);
    }
    return new IssuedToken(jwt.serialize(), expiresAt);
  }

  @Override
  public VerifiedToken verify(String token) throws AuthFailure {
    SignedJWT jwt = parse(token);
    JWSAlgorithm algorithm = jwt.getHeader().getAlgorithm();
    boolean asLocal = algorithm.equals(settings.algorithm().jws());
    boolean asExternal = external != null
        && settings.jwksAlgorithms().stream().anyMatch(a -> a.jws().equals(algorithm));
    if (!asLocal && !asExternal) {
      throw invalid("token signing algorithm not accepted");
    }
    if (asLocal) {
      try {
        return localClaims.check(local.process(jwt, null));
      } catch (BadJWSException e) {
        if (!asExternal) {
          throw invalid("token signature is not valid");
        }
      } catch (BadJOSEException | JOSEException e) {
        throw invalid("token rejected");
      }
    }
    try {
      return externalClaims.check(external.process(jwt, null));
    } catch (BadJWSException e) {
      throw invalid("token signature is not valid");
    } catch (RateLimitReachedException e) {
      throw invalid("no signing key matches the token"); // an unknown kid, and the JWKS was fetched moments ago
    } catch (KeySourceException e) {
      warnKeysUnavailable(e);
      throw invalid("token signing keys unavailable");
    } catch (BadJOSEException | JOSEException e) {
      throw invalid("no signing key matches the token");
    }
  }

  /** Logs that the JWKS cannot be fetched at most once a minute, however many tokens fail because of it. */
  private void warnKeysUnavailable(KeySourceException e) {
    long now = System.nanoTime();
    long last = lastKeysWarning.get();
    if ((last == 0 || now - last >= KEYS_WARNING_INTERVAL_NANOS) && lastKeysWarning.compareAndSet(last, now)) {
      log.warn("Cannot fetch the signing keys from {} ({}): {}", settings.jwksUrl().map(URI::getHost).orElse("?"),
          JwtEnv.JWKS_URL, e.getMessage());
    }
  }

  private static SignedJWT parse(String token) throws AuthFailure {
    if (token == null || token.isBlank()) {
      throw invalid("token is empty");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw invalid("token is too long");
    }
    JWT jwt;
    try {
      jwt = JWTParser.parse(token.strip());
    } catch (ParseException | RuntimeException e) { // Nimbus throws NullPointerException for a header of JSON null
      throw invalid("token is not a well-formed JWT");
    }
    if (!(jwt instanceof SignedJWT signed)) {
      throw invalid("unsigned or encrypted tokens are not accepted");
    }
    return signed;
  }

  private static JWSSigner signer(TokenSettings settings) {
    try {
      if (settings.algorithm().isHmac()) {
        return new MACSigner(settings.secret().orElseThrow());
      }
      PrivateKey key = settings.privateKey().orElse(null);
      if (key == null) {
        return null;
      }
      return key instanceof ECPrivateKey ec ? new ECDSASigner(ec) : new RSASSASigner(key);
    } catch (JOSEException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot sign with the configured " + settings.algorithm() + " key: " + e.getMessage(), e);
    }
  }

  private static AuthFailure invalid(String message) {
    return new AuthFailure(Code.TOKEN_INVALID, message);
  }
}
