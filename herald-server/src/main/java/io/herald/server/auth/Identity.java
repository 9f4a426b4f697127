package io.herald.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * Who a connection or request belongs to: a stored user whose token was valid and current.
 *
 * @param userId the user id
 * @param email the e-mail address
 * @param roles the roles, as stored
 * @param tokenVersion the token version that was current when checked
 * @param expiresAt when the token that proved it expires
 * @param external whether an external identity provider issued that token (Herald cannot revoke or refresh it)
 */
public record Identity(String userId, String email, Set<String> roles, int tokenVersion, Instant expiresAt,
    boolean external) {
  public Identity {
    roles = Set.copyOf(roles);
  }

  public boolean isAdmin() {
    return roles.contains(User.ROLE_ADMIN);
  }
}
