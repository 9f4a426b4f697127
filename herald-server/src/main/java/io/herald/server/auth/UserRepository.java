package io.herald.server.auth;

import java.util.Optional;
import java.util.Set;

/** Where users are stored. Every method blocks: call it off the event loop (see {@code storage.Blocking}). */
public interface UserRepository {
  /**
   * Creates a user with a new id.
   *
   * @param email lower-cased by the caller
   * @param passwordHash an encoded hash from {@link PasswordHasher}, or {@code null} for users that log in elsewhere
   * @throws DuplicateEmailException if a user has this e-mail address
   */
  User create(String email, String passwordHash, Set<String> roles);

  /** Creates a user with a given id (a user first seen in an external identity provider's token). */
  User createWithId(String id, String email, Set<String> roles);

  Optional<User> findById(String id);

  Optional<User> findByEmail(String email);

  /** The stored password hash, if the user has one. */
  Optional<String> passwordHash(String userId);

  /** Adds one to the user's token version, revoking every token issued before; returns the new version. */
  int bumpTokenVersion(String userId);

  void setRoles(String userId, Set<String> roles);

  void setPasswordHash(String userId, String passwordHash);

  void setDisabled(String userId, boolean disabled);

  /** Thrown by {@link #create} when the e-mail address is taken. */
  final class DuplicateEmailException extends RuntimeException {
    public DuplicateEmailException(String email) {
      super("a user with e-mail " + email + " exists");
    }
  }
}
