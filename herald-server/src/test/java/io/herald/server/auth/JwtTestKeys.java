package io.herald.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** Real keys, PEM files and hand-built tokens for the JWT tests. */
final class JwtTestKeys {
  private JwtTestKeys() {}

  static KeyPair rsa() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  static KeyPair ec(String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec(curve));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** Writes a PKCS#8 ({@code PRIVATE KEY}) or X.509 ({@code PUBLIC KEY}) PEM file. */
  static Path pem(Path dir, String name, Key key) {
    String label = key instanceof java.security.PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
    return pem(dir, name, label, key.getEncoded());
  }

  static Path pem(Path dir, String name, String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    String text = "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    try {
      return Files.writeString(dir.resolve(name), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Claims Herald's own tokens carry, valid from {@code now} for an hour. */
  static JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .subject("user-1")
        .claim("email", "ada@example.com")
        .claim("roles", List.of("user"))
        .claim("tokenVersion", 3)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  static String sign(JWSAlgorithm algorithm, String keyId, JWSSigner signer, JWTClaimsSet claims) {
    SignedJWT jwt = new SignedJWT(
        new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build(), claims);
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new AssertionError(e);
    }
    return jwt.serialize();
  }
}
