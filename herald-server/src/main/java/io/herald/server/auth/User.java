package io.herald.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A user as stored.
 *
 * @param id the user id, the {@code sub} claim of its tokens
 * @param email the e-mail address, lower-case
 * @param roles {@code user}, {@code admin}
 * @param tokenVersion tokens carrying another version are revoked; logout bumps it
 * @param disabled a disabled user cannot log in or use its tokens
 * @param createdAt when the user was created
 */
public record User(String id, String email, Set<String> roles, int tokenVersion, boolean disabled, Instant createdAt) {
  public static final String ROLE_USER = "user";
  public static final String ROLE_ADMIN = "admin";

  public User {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(ROLE_ADMIN);
  }
}
