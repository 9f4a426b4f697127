package io.herald.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The JWS algorithms Herald signs and verifies with. {@code none} is not one of them, on purpose. */
public enum JwtAlgorithm {
  HS256(KeyFamily.HMAC, 32), HS384(KeyFamily.HMAC, 48), HS512(KeyFamily.HMAC, 64),
  RS256(KeyFamily.RSA, 0), RS384(KeyFamily.RSA, 0), RS512(KeyFamily.RSA, 0),
  PS256(KeyFamily.RSA, 0), PS384(KeyFamily.RSA, 0), PS512(KeyFamily.RSA, 0),
  ES256(KeyFamily.EC, 0), ES384(KeyFamily.EC, 0), ES512(KeyFamily.EC, 0);

  /** What kind of key an algorithm needs; {@link #jcaName} is the JDK {@code KeyFactory} name. */
  public enum KeyFamily {
    HMAC(""), RSA("RSA"), EC("EC");

    final String jcaName;

    KeyFamily(String jcaName) {
      this.jcaName = jcaName;
    }
  }

  private final KeyFamily family;
  private final int minSecretBytes;

  JwtAlgorithm(KeyFamily family, int minSecretBytes) {
    this.family = family;
    this.minSecretBytes = minSecretBytes;
  }

  public KeyFamily family() {
    return family;
  }

  public boolean isHmac() {
    return family == KeyFamily.HMAC;
  }

  /** The shortest shared secret this algorithm accepts (the hash length, RFC 7518 §3.2); 0 for key pairs. */
  public int minSecretBytes() {
    return minSecretBytes;
  }

  JWSAlgorithm jws() {
    return JWSAlgorithm.parse(name());
  }

  /**
   * Parses a name such as {@code RS256}, case-insensitively.
   *
   * @param what names the setting in the error message, such as {@code HERALD_JWT_ALGORITHM}
   * @throws IllegalArgumentException naming the accepted values
   */
  public static JwtAlgorithm parse(String name, String what) {
    String upper = name.trim().toUpperCase(Locale.ROOT);
    for (JwtAlgorithm algorithm : values()) {
      if (algorithm.name().equals(upper)) {
        return algorithm;
      }
    }
    String accepted = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    String hint = upper.equals("EDDSA") || upper.equals("ED25519") ? " (EdDSA is not supported yet)" : "";
    throw new IllegalArgumentException(what + ": " + name + hint + " (expected one of: " + accepted + ")");
  }
}
