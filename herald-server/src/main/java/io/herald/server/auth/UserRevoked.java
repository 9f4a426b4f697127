package io.herald.server.auth;

/**
 * Every token of a user issued before now stopped working (logout, "revoke all", disabled): its live
 * connections must be told and closed.
 *
 * @param userId the user
 * @param reason a short human-readable reason, such as {@code logged out}
 */
public record UserRevoked(String userId, String reason) {}
