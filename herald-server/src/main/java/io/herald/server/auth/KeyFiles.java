package io.herald.server.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM key files with the JDK alone: private keys in PKCS#8 ({@code BEGIN PRIVATE KEY}), public keys as X.509
 * SubjectPublicKeyInfo ({@code BEGIN PUBLIC KEY}) or inside a certificate ({@code BEGIN CERTIFICATE}).
 */
final class KeyFiles {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
  private static final String TO_PKCS8 = "convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem";

  private KeyFiles() {}

  static PrivateKey readPrivateKey(Path file, String setting, JwtAlgorithm algorithm) {
    Pem pem = read(file, setting);
    String where = setting + " (" + file + ")";
    switch (pem.label()) {
      case "PRIVATE KEY" -> {}
      case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
          throw new IllegalArgumentException(where + ": a " + pem.label() + " in the old format (expected: PKCS#8, "
              + "BEGIN PRIVATE KEY); " + TO_PKCS8);
      case "ENCRYPTED PRIVATE KEY" ->
          throw new IllegalArgumentException(where + ": the key is encrypted (expected: an unencrypted PKCS#8 key)");
      default -> throw new IllegalArgumentException(where + ": a PEM " + pem.label() + " (expected: PRIVATE KEY)");
    }
    try {
      return keyFactory(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pem.der()));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          where + ": not a PKCS#8 " + algorithm.family().jcaName + " private key (expected for " + algorithm + ")");
    }
  }

  static PublicKey readPublicKey(Path file, String setting, JwtAlgorithm algorithm) {
    Pem pem = read(file, setting);
    String where = setting + " (" + file + ")";
    try {
      PublicKey key = switch (pem.label()) {
        case "PUBLIC KEY" -> keyFactory(algorithm).generatePublic(new X509EncodedKeySpec(pem.der()));
        case "CERTIFICATE" -> CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.der())).getPublicKey();
        default -> throw new IllegalArgumentException(
            where + ": a PEM " + pem.label() + " (expected: PUBLIC KEY or CERTIFICATE)");
      };
      if (!key.getAlgorithm().equals(algorithm.family().jcaName)) {
        throw new GeneralSecurityException("wrong key type");
      }
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          where + ": not an " + algorithm.family().jcaName + " public key (expected for " + algorithm + ")");
    }
  }

  /** The public half of an RSA private key, which PKCS#8 RSA keys carry (modulus and public exponent). */
  static PublicKey rsaPublicKeyOf(PrivateKey privateKey) {
    if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
      throw new IllegalArgumentException("cannot derive the public key from this private key (expected: RSA CRT)");
    }
    try {
      BigInteger modulus = crt.getModulus();
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, crt.getPublicExponent()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no RSA key factory", e);
    }
  }

  private static KeyFactory keyFactory(JwtAlgorithm algorithm) throws GeneralSecurityException {
    return KeyFactory.getInstance(algorithm.family().jcaName);
  }

  private static Pem read(Path file, String setting) {
    String text;
    try (InputStream in = Files.newInputStream(file)) {
      text = new String(in.readNBytes(1 << 20), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new IllegalArgumentException(setting + ": cannot read " + file + " (" + e + ")", e);
    }
    Matcher matcher = PEM.matcher(text);
    if (!matcher.find()) {
      throw new IllegalArgumentException(setting + " (" + file + "): no PEM block (expected: -----BEGIN ...-----)");
    }
    try {
      return new Pem(matcher.group(1), Base64.getMimeDecoder().decode(matcher.group(2)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(setting + " (" + file + "): the PEM block is not valid base64");
    }
  }

  private record Pem(String label, byte[] der) {}
}
