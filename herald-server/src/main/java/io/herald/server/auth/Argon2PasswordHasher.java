package io.herald.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id with the OWASP Password Storage Cheat Sheet's parameters (m=19456 KiB, t=2, p=1), a 16-byte random salt and
 * a 32-byte hash, encoded as a PHC string: {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. {@link #matches}
 * reads the parameters from the string, so hashes made with other parameters (or by other Argon2 libraries) keep
 * working; {@link #needsRehash} tells when one should be replaced. About 20-50 ms of CPU and 19 MiB per call: call
 * off the event loop.
 */
public final class Argon2PasswordHasher implements PasswordHasher {
  /** Longer passwords are refused, so nobody can make the server hash megabytes. */
  public static final int MAX_PASSWORD_CHARS = 1024;
  static final Argon2Hash.Params DEFAULT_PARAMS = new Argon2Hash.Params(Argon2Parameters.ARGON2_id,
      Argon2Parameters.ARGON2_VERSION_13, 19_456, 2, 1);
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final SecureRandom random = new SecureRandom();
  /** At most this many derivations at once (each holds 19 MiB): a flood of logins queues instead of exhausting memory. */
  private final Semaphore running = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

  @Override
  public String hash(String password) {
    checkLength(password);
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = derive(password, DEFAULT_PARAMS, salt, HASH_BYTES);
    return new Argon2Hash(DEFAULT_PARAMS, salt, hash).encode();
  }

  /** Whether the password matches; false, not an exception, for a malformed or unsupported encoded hash. */
  @Override
  public boolean matches(String password, String encodedHash) {
    checkLength(password);
    Argon2Hash expected = Argon2Hash.parse(encodedHash);
    if (expected == null) {
      return false;
    }
    byte[] actual = derive(password, expected.params(), expected.salt(), expected.hash().length);
    return MessageDigest.isEqual(actual, expected.hash());
  }

  /** Whether the encoded hash was made with other parameters than the current ones (or cannot be read). */
  public boolean needsRehash(String encodedHash) {
    Argon2Hash parsed = Argon2Hash.parse(encodedHash);
    return parsed == null || !parsed.params().equals(DEFAULT_PARAMS) || parsed.hash().length != HASH_BYTES
        || parsed.salt().length < SALT_BYTES;
  }

  private byte[] derive(String password, Argon2Hash.Params params, byte[] salt, int length) {
    running.acquireUninterruptibly();
    try {
      return deriveNow(password, params, salt, length);
    } finally {
      running.release();
    }
  }

  private static byte[] deriveNow(String password, Argon2Hash.Params params, byte[] salt, int length) {
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(new Argon2Parameters.Builder(params.type())
        .withVersion(params.version())
        .withMemoryAsKB(params.memoryKiB())
        .withIterations(params.iterations())
        .withParallelism(params.parallelism())
        .withSalt(salt)
        .build());
    byte[] passwordBytes = password.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[length];
    try {
      generator.generateBytes(passwordBytes, out);
    } finally {
      Arrays.fill(passwordBytes, (byte) 0);
    }
    return out;
  }

  private static void checkLength(String password) {
    if (password.length() > MAX_PASSWORD_CHARS) {
      throw new IllegalArgumentException(
          "password: " + password.length() + " characters (expected: at most " + MAX_PASSWORD_CHARS + ")");
    }
  }
}
