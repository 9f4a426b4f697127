package io.herald.server.auth;

import java.net.URI;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How Herald signs and checks JWTs: one algorithm with its secret or key pair for its own tokens, and optionally an
 * external identity provider's JWKS. Build one with {@link #builder()} or {@link #fromEnv}. {@link #toString()} never
 * shows secrets.
 */
public final class TokenSettings {
  public static final Duration DEFAULT_TTL = Duration.ofHours(1);
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
  public static final Set<JwtAlgorithm> DEFAULT_JWKS_ALGORITHMS = Set.of(JwtAlgorithm.RS256, JwtAlgorithm.ES256);

  private final JwtAlgorithm algorithm;
  private final byte[] secret;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final String issuer;
  private final String audience;
  private final Duration ttl;
  private final Duration clockSkew;
  private final URI jwksUrl;
  private final Set<JwtAlgorithm> jwksAlgorithms;
  private final String jwksIssuer;
  private final String jwksAudience;

  private TokenSettings(Builder b) {
    algorithm = b.algorithm;
    secret = b.secret;
    privateKey = b.privateKey;
    publicKey = b.publicKey;
    issuer = b.issuer;
    audience = b.audience;
    ttl = b.ttl;
    clockSkew = b.clockSkew;
    jwksUrl = b.jwksUrl;
    jwksAlgorithms = Set.copyOf(b.jwksAlgorithms);
    jwksIssuer = b.jwksIssuer;
    jwksAudience = b.jwksAudience != null ? b.jwksAudience : b.audience;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from environment variables (blank values count as unset):
   *
   * <ul>
   *   <li>{@code HERALD_JWT_ALGORITHM}: HS256 (default), HS384, HS512, RS256/384/512, PS256/384/512, ES256/384/512.
   *   <li>{@code HERALD_JWT_SECRET} (HS*): the shared secret, its UTF-8 bytes used as they are, at least 32/48/64
   *       bytes for HS256/384/512. Unset: a generated one in {@code <dataDir>/jwt-secret} (see {@link SecretFile}).
   *   <li>{@code HERALD_JWT_PRIVATE_KEY} (RS/PS/ES): a PKCS#8 PEM file that signs Herald's tokens; unset means
   *       "verify only". {@code HERALD_JWT_PUBLIC_KEY}: an X.509 PEM public key or certificate that checks them
   *       (for RSA it may be left out and is then derived from the private key).
   *   <li>{@code HERALD_JWT_ISSUER}, {@code HERALD_JWT_AUDIENCE}: set on Herald's tokens and required on them.
   *   <li>{@code HERALD_JWT_TTL}: token lifetime, seconds ({@code 3600}) or ISO-8601 ({@code PT15M}); default 1 hour.
   *   <li>{@code HERALD_JWT_CLOCK_SKEW}: seconds of clock skew allowed on {@code exp}/{@code nbf}; default 30.
   *   <li>{@code HERALD_JWT_JWKS_URL}: an external identity provider's JWKS; tokens signed by its keys are accepted
   *       too. {@code HERALD_JWT_JWKS_ALGORITHMS}: comma-separated, default {@code RS256,ES256}.
   *       {@code HERALD_JWT_JWKS_ISSUER}: the provider's {@code iss}, required on its tokens when set.
   *       {@code HERALD_JWT_JWKS_AUDIENCE}: the {@code aud} required on its tokens, default {@code HERALD_JWT_AUDIENCE}.
   * </ul>
   *
   * @throws IllegalArgumentException naming the setting that is wrong and what was expected
   */
  public static TokenSettings fromEnv(Map<String, String> env, Path dataDir) {
    return JwtEnv.read(env, dataDir);
  }

  public JwtAlgorithm algorithm() {
    return algorithm;
  }

  /** The shared secret of an HS* algorithm (a copy), empty for key pairs. */
  public Optional<byte[]> secret() {
    return Optional.ofNullable(secret).map(byte[]::clone);
  }

  /** The key that signs Herald's tokens; empty for HS* and for "verify only" key pairs. */
  public Optional<PrivateKey> privateKey() {
    return Optional.ofNullable(privateKey);
  }

  /** The key that checks Herald's tokens; empty for HS*. */
  public Optional<PublicKey> publicKey() {
    return Optional.ofNullable(publicKey);
  }

  /** The {@code iss} of Herald's tokens, required on them when set. */
  public Optional<String> issuer() {
    return Optional.ofNullable(issuer);
  }

  /** The {@code aud} of Herald's tokens, required on them when set. */
  public Optional<String> audience() {
    return Optional.ofNullable(audience);
  }

  public Duration ttl() {
    return ttl;
  }

  public Duration clockSkew() {
    return clockSkew;
  }

  /** An external identity provider's JWKS; tokens signed by its keys are accepted too. */
  public Optional<URI> jwksUrl() {
    return Optional.ofNullable(jwksUrl);
  }

  public Set<JwtAlgorithm> jwksAlgorithms() {
    return jwksAlgorithms;
  }

  /** The {@code iss} required on tokens checked against the JWKS, when set. */
  public Optional<String> jwksIssuer() {
    return Optional.ofNullable(jwksIssuer);
  }

  /** The {@code aud} required on tokens checked against the JWKS when set; defaults to {@link #audience()}. */
  public Optional<String> jwksAudience() {
    return Optional.ofNullable(jwksAudience);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("TokenSettings{algorithm=").append(algorithm);
    if (secret != null) {
      s.append(", secret=<hidden, ").append(secret.length).append(" bytes>");
    }
    if (publicKey != null) {
      s.append(", keys=").append(privateKey != null ? "private and public" : "public only (verify only)");
    }
    s.append(", issuer=").append(issuer).append(", audience=").append(audience)
        .append(", ttl=").append(ttl).append(", clockSkew=").append(clockSkew);
    if (jwksUrl != null) {
      s.append(", jwksUrl=").append(withoutCredentials(jwksUrl)).append(", jwksAlgorithms=").append(jwksAlgorithms)
          .append(", jwksIssuer=").append(jwksIssuer).append(", jwksAudience=").append(jwksAudience);
    }
    return s.append('}').toString();
  }

  private static String withoutCredentials(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
        + Objects.requireNonNullElse(uri.getRawPath(), "");
  }

  /** Builds {@link TokenSettings}; {@link #build()} checks that the algorithm, secret and keys fit together. */
  public static final class Builder {
    private JwtAlgorithm algorithm = JwtAlgorithm.HS256;
    private byte[] secret;
    private PrivateKey privateKey;
    private PublicKey publicKey;
    private String issuer;
    private String audience;
    private Duration ttl = DEFAULT_TTL;
    private Duration clockSkew = DEFAULT_CLOCK_SKEW;
    private URI jwksUrl;
    private Set<JwtAlgorithm> jwksAlgorithms = DEFAULT_JWKS_ALGORITHMS;
    private String jwksIssuer;
    private String jwksAudience;

    private Builder() {}

    /** An HS* algorithm with its shared secret (at least {@link JwtAlgorithm#minSecretBytes()} long). */
    public Builder hmac(JwtAlgorithm algorithm, byte[] secret) {
      this.algorithm = algorithm;
      this.secret = secret.clone();
      this.privateKey = null;
      this.publicKey = null;
      return this;
    }

    /** An RS*, PS* or ES* algorithm with its keys; {@code privateKey} may be null for "verify only". */
    public Builder keyPair(JwtAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
      this.algorithm = algorithm;
      this.secret = null;
      this.privateKey = privateKey;
      this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
      return this;
    }

    public Builder issuer(String issuer) {
      this.issuer = issuer;
      return this;
    }

    public Builder audience(String audience) {
      this.audience = audience;
      return this;
    }

    public Builder ttl(Duration ttl) {
      this.ttl = ttl;
      return this;
    }

    public Builder clockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
      return this;
    }

    /** Accepts tokens signed by the keys of an external JWKS, with the given (asymmetric) algorithms. */
    public Builder jwks(URI url, Set<JwtAlgorithm> algorithms) {
      if (algorithms.isEmpty()) {
        throw new IllegalArgumentException("jwksAlgorithms: [] (expected: at least one)");
      }
      this.jwksUrl = Objects.requireNonNull(url, "url");
      this.jwksAlgorithms = EnumSet.copyOf(algorithms);
      return this;
    }

    public Builder jwksIssuer(String issuer) {
      this.jwksIssuer = issuer;
      return this;
    }

    public Builder jwksAudience(String audience) {
      this.jwksAudience = audience;
      return this;
    }

    public TokenSettings build() {
      Objects.requireNonNull(algorithm, "algorithm");
      if (algorithm.isHmac()) {
        if (secret == null) {
          throw new IllegalArgumentException("secret: missing (expected for " + algorithm + ")");
        }
        if (secret.length < algorithm.minSecretBytes()) {
          throw new IllegalArgumentException("secret: " + secret.length + " bytes (expected: at least "
              + algorithm.minSecretBytes() + " bytes for " + algorithm + ")");
        }
      } else {
        if (publicKey == null) {
          throw new IllegalArgumentException("publicKey: missing (expected for " + algorithm + ")");
        }
        requireFamily("publicKey", publicKey.getAlgorithm());
        if (privateKey != null) {
          requireFamily("privateKey", privateKey.getAlgorithm());
        }
        requireStrength(publicKey);
      }
      if (ttl.isNegative() || ttl.isZero()) {
        throw new IllegalArgumentException("ttl: " + ttl + " (expected: > 0)");
      }
      if (clockSkew.isNegative()) {
        throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
      }
      for (JwtAlgorithm jwksAlgorithm : jwksAlgorithms) {
        if (jwksAlgorithm.isHmac()) {
          throw new IllegalArgumentException(
              "jwksAlgorithms: " + jwksAlgorithm + " (expected: RS*, PS* or ES*; a JWKS holds public keys)");
        }
      }
      return new TokenSettings(this);
    }

    /** RSA keys of at least 2048 bits (RFC 7518 §3.3); EC keys on the curve the algorithm names. */
    private void requireStrength(PublicKey key) {
      if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
        throw new IllegalArgumentException("publicKey: RSA key of " + rsa.getModulus().bitLength()
            + " bits (expected: at least 2048)");
      }
      if (key instanceof ECPublicKey ec) {
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        int expected = switch (algorithm) {
          case ES256 -> 256;
          case ES384 -> 384;
          default -> 521;
        };
        if (bits != expected) {
          throw new IllegalArgumentException("publicKey: an EC key on a " + bits + "-bit curve (expected: P-"
              + expected + " for " + algorithm + ")");
        }
      }
    }

    private void requireFamily(String what, String keyAlgorithm) {
      if (!keyAlgorithm.equals(algorithm.family().jcaName)) {
        throw new IllegalArgumentException(what + ": an " + keyAlgorithm + " key (expected: "
            + algorithm.family().jcaName + " for " + algorithm + ")");
      }
    }
  }
}
