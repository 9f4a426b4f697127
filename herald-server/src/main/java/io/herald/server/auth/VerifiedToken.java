package io.herald.server.auth;

import java.time.Instant;
import java.util.Set;

/**
 * The claims of a token whose signature, algorithm, lifetime, issuer and audience were checked. Whether its user
 * exists and its version is current is checked by {@link Authenticator}.
 *
 * @param userId the {@code sub} claim
 * @param email the {@code email} claim, or {@code null}
 * @param roles the {@code roles} claim, empty if absent
 * @param tokenVersion the {@code tokenVersion} claim, or {@code -1} if absent (tokens of external providers)
 * @param expiresAt the {@code exp} claim
 * @param external whether the token was issued by an external provider (checked against the JWKS)
 */
public record VerifiedToken(String userId, String email, Set<String> roles, int tokenVersion, Instant expiresAt,
    boolean external) {
  public VerifiedToken {
    roles = Set.copyOf(roles);
  }
}
