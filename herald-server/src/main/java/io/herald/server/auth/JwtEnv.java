package io.herald.server.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads {@link TokenSettings} from {@code HERALD_JWT_*} environment variables; documented on {@link TokenSettings#fromEnv}. */
final class JwtEnv {
  static final String ALGORITHM = "HERALD_JWT_ALGORITHM";
  static final String SECRET = "HERALD_JWT_SECRET";
  static final String PRIVATE_KEY = "HERALD_JWT_PRIVATE_KEY";
  static final String PUBLIC_KEY = "HERALD_JWT_PUBLIC_KEY";
  static final String ISSUER = "HERALD_JWT_ISSUER";
  static final String AUDIENCE = "HERALD_JWT_AUDIENCE";
  static final String TTL = "HERALD_JWT_TTL";
  static final String CLOCK_SKEW = "HERALD_JWT_CLOCK_SKEW";
  static final String JWKS_URL = "HERALD_JWT_JWKS_URL";
  static final String JWKS_ALGORITHMS = "HERALD_JWT_JWKS_ALGORITHMS";
  static final String JWKS_ISSUER = "HERALD_JWT_JWKS_ISSUER";
  static final String JWKS_AUDIENCE = "HERALD_JWT_JWKS_AUDIENCE";

  private static final Logger log = LoggerFactory.getLogger(JwtEnv.class);
  private static final Pattern DIGITS = Pattern.compile("\\d+");

  private final Map<String, String> env;

  private JwtEnv(Map<String, String> env) {
    this.env = env;
  }

  static TokenSettings read(Map<String, String> env, Path dataDir) {
    return new JwtEnv(env).read(dataDir);
  }

  private TokenSettings read(Path dataDir) {
    String algorithmName = get(ALGORITHM);
    JwtAlgorithm algorithm = algorithmName == null ? JwtAlgorithm.HS256 : JwtAlgorithm.parse(algorithmName, ALGORITHM);
    TokenSettings.Builder builder = TokenSettings.builder();
    if (algorithm.isHmac()) {
      builder.hmac(algorithm, secret(algorithm, dataDir));
    } else {
      keys(algorithm, builder);
    }
    builder.issuer(get(ISSUER)).audience(get(AUDIENCE));
    if (get(TTL) != null) {
      builder.ttl(duration(TTL, get(TTL)));
    }
    if (get(CLOCK_SKEW) != null) {
      builder.clockSkew(duration(CLOCK_SKEW, get(CLOCK_SKEW)));
    }
    jwks(builder);
    return builder.build();
  }

  private byte[] secret(JwtAlgorithm algorithm, Path dataDir) {
    if (get(PRIVATE_KEY) != null || get(PUBLIC_KEY) != null) {
      throw new IllegalArgumentException(PRIVATE_KEY + "/" + PUBLIC_KEY + " are set but " + ALGORITHM + " is "
          + algorithm + " (expected: RS*, PS* or ES* to sign with keys, or unset the key variables)");
    }
    String fromEnv = get(SECRET) == null ? null : env.get(SECRET); // used exactly as other services would use it
    byte[] secret;
    String source;
    if (fromEnv != null) {
      secret = fromEnv.getBytes(StandardCharsets.UTF_8);
      source = SECRET;
    } else {
      secret = SecretFile.loadOrCreate(dataDir);
      source = "the secret in " + dataDir.resolve(SecretFile.FILE_NAME);
    }
    if (secret.length < algorithm.minSecretBytes()) {
      throw new IllegalArgumentException(source + " is " + secret.length + " bytes long (expected: at least "
          + algorithm.minSecretBytes() + " bytes for " + algorithm + "; generate one with: openssl rand -base64 "
          + algorithm.minSecretBytes() + ")");
    }
    return secret;
  }

  private void keys(JwtAlgorithm algorithm, TokenSettings.Builder builder) {
    if (get(SECRET) != null) {
      throw new IllegalArgumentException(SECRET + " is set but " + ALGORITHM + " is " + algorithm
          + " (expected: HS256, HS384 or HS512 to sign with a secret, or unset " + SECRET + ")");
    }
    String privatePath = get(PRIVATE_KEY);
    String publicPath = get(PUBLIC_KEY);
    PrivateKey privateKey = privatePath == null ? null : KeyFiles.readPrivateKey(Path.of(privatePath), PRIVATE_KEY,
        algorithm);
    PublicKey publicKey;
    if (publicPath != null) {
      publicKey = KeyFiles.readPublicKey(Path.of(publicPath), PUBLIC_KEY, algorithm);
    } else if (privateKey != null && algorithm.family() == JwtAlgorithm.KeyFamily.RSA) {
      publicKey = KeyFiles.rsaPublicKeyOf(privateKey);
    } else {
      throw new IllegalArgumentException(PUBLIC_KEY + ": missing (expected for " + algorithm
          + ": an X.509 PEM public key to verify tokens, and " + PRIVATE_KEY + " to issue them)");
    }
    builder.keyPair(algorithm, privateKey, publicKey);
  }

  private void jwks(TokenSettings.Builder builder) {
    String url = get(JWKS_URL);
    if (url == null) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(JWKS_URL + ": not a URL (expected: https://.../jwks.json)");
    }
    if (uri.getHost() == null || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(JWKS_URL + ": " + uri.getScheme() + " URL (expected: https://.../jwks.json)");
    }
    if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
      log.warn("{} uses plain http: anyone on the path can swap the signing keys; use https", JWKS_URL);
    }
    Set<JwtAlgorithm> algorithms = TokenSettings.DEFAULT_JWKS_ALGORITHMS;
    String names = get(JWKS_ALGORITHMS);
    if (names != null) {
      algorithms = EnumSet.noneOf(JwtAlgorithm.class);
      for (String name : names.split(",")) {
        algorithms.add(JwtAlgorithm.parse(name, JWKS_ALGORITHMS));
      }
    }
    builder.jwks(uri, algorithms).jwksIssuer(get(JWKS_ISSUER)).jwksAudience(get(JWKS_AUDIENCE));
    if (get(JWKS_ISSUER) == null && get(JWKS_AUDIENCE) == null && get(AUDIENCE) == null) {
      log.warn("{} is set without {} or {}: tokens the provider signed for any application will be accepted",
          JWKS_URL, JWKS_ISSUER, JWKS_AUDIENCE);
    }
  }

  /** Seconds ({@code 3600}) or ISO-8601 ({@code PT1H}). */
  static Duration duration(String setting, String value) {
    try {
      return DIGITS.matcher(value).matches() ? Duration.ofSeconds(Long.parseLong(value)) : Duration.parse(value);
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new IllegalArgumentException(setting + ": " + value + " (expected: seconds like 3600 or ISO-8601 like PT15M)");
    }
  }

  private static boolean isLoopback(String host) {
    return Arrays.asList("localhost", "127.0.0.1", "[::1]", "::1").contains(host);
  }

  private String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }
}
