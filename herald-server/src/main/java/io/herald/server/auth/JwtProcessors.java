package io.herald.server.auth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.proc.SingleKeyJWSKeySelector;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.MalformedURLException;
import java.net.URI;
import java.security.Key;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds the Nimbus processors that check signatures: one for Herald's own tokens (exactly one algorithm and key),
 * one for an external JWKS. Claims are checked afterwards by {@link JwtClaimsCheck}, so these check only the header
 * and the signature.
 */
final class JwtProcessors {
  static final int JWKS_CONNECT_TIMEOUT_MILLIS = 2_000;
  static final int JWKS_READ_TIMEOUT_MILLIS = 2_000;
  static final int JWKS_SIZE_LIMIT_BYTES = 256 * 1024;
  static final Duration JWKS_CACHE_TTL = Duration.ofMinutes(5);
  /** How long callers wait for a JWKS fetch another thread started. */
  static final Duration JWKS_REFRESH_WAIT = Duration.ofSeconds(5);
  /** At most about one fetch per interval on unknown {@code kid}s, so bad tokens cannot hammer the provider. */
  static final Duration JWKS_MIN_REFETCH_INTERVAL = Duration.ofSeconds(30);

  /** External providers may type access tokens {@code at+jwt} (RFC 9068). */
  private static final Set<JOSEObjectType> EXTERNAL_TYPES = Set.of(
      JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

  private JwtProcessors() {}

  static ConfigurableJWTProcessor<SecurityContext> local(TokenSettings settings) {
    JwtAlgorithm algorithm = settings.algorithm();
    Key key = algorithm.isHmac()
        ? new SecretKeySpec(settings.secret().orElseThrow(), "Hmac" + algorithm.name().replace("HS", "SHA"))
        : settings.publicKey().orElseThrow();
    return processor(new SingleKeyJWSKeySelector<>(algorithm.jws(), key), Set.of(JOSEObjectType.JWT));
  }

  static ConfigurableJWTProcessor<SecurityContext> external(TokenSettings settings) {
    URI url = settings.jwksUrl().orElseThrow();
    JWKSource<SecurityContext> keys;
    try {
      keys = JWKSourceBuilder.<SecurityContext>create(url.toURL(), new DefaultResourceRetriever(
              JWKS_CONNECT_TIMEOUT_MILLIS, JWKS_READ_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT_BYTES))
          .cache(JWKS_CACHE_TTL.toMillis(), JWKS_REFRESH_WAIT.toMillis())
          .refreshAheadCache(false) // its default executors are non-daemon threads nobody would shut down
          .rateLimited(JWKS_MIN_REFETCH_INTERVAL.toMillis())
          .outageTolerant(true)
          .build();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("jwksUrl: " + e.getMessage(), e);
    }
    var algorithms = settings.jwksAlgorithms().stream().map(JwtAlgorithm::jws).collect(Collectors.toSet());
    return processor(new JWSVerificationKeySelector<>(algorithms, keys), EXTERNAL_TYPES);
  }

  private static DefaultJWTProcessor<SecurityContext> processor(JWSKeySelector<SecurityContext> keys,
      Set<JOSEObjectType> types) {
    Set<JOSEObjectType> allowedTypes = new HashSet<>(types);
    allowedTypes.add(null); // many libraries leave typ out
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(allowedTypes));
    processor.setJWSKeySelector(keys);
    processor.setJWTClaimsSetVerifier((claims, context) -> {}); // JwtClaimsCheck does it, with Herald's codes
    return processor;
  }
}
