package io.herald.server.auth;

/** Hashes and checks passwords. CPU-heavy and blocking: call off the event loop. */
public interface PasswordHasher {
  /** An encoded hash that carries its own algorithm, parameters and salt. */
  String hash(String password);

  /** Whether the password matches the encoded hash; takes the same time whether or not it does. */
  boolean matches(String password, String encodedHash);
}
