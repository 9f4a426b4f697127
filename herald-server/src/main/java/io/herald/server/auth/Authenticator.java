package io.herald.server.auth;

import io.herald.server.auth.AuthFailure.Code;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a token into an {@link Identity}: the token must verify, its user must exist and be enabled, and its
 * token version must be the user's current one. Blocking (it reads the user): call it off the event loop.
 */
public final class Authenticator {
  /** What to do with a valid token of an external identity provider whose user Herald has never seen. */
  public enum ExternalUsers {
    /** Refuse it with {@code USER_UNKNOWN}: users must be created in Herald first. */
    REQUIRE_EXISTING,
    /** Create the user, with role {@code user}, from the token's {@code sub} and {@code email}. */
    CREATE_ON_FIRST_SIGHT
  }

  private final TokenService tokens;
  private final UserRepository users;
  private final ExternalUsers externalUsers;

  public Authenticator(TokenService tokens, UserRepository users, ExternalUsers externalUsers) {
    this.tokens = tokens;
    this.users = users;
    this.externalUsers = externalUsers;
  }

  public Identity authenticate(String token) throws AuthFailure {
    if (token == null || token.isBlank()) {
      throw new AuthFailure(Code.TOKEN_MISSING,
          "authentication required: send a token as auth.token, the token query parameter or an Authorization: Bearer header");
    }
    VerifiedToken verified = tokens.verify(token.trim());
    User user = users.findById(verified.userId()).orElse(null);
    if (user == null) {
      user = firstSight(verified);
    }
    if (user.disabled()) {
      throw new AuthFailure(Code.TOKEN_REVOKED, "user is disabled");
    }
    boolean versioned = verified.tokenVersion() >= 0;
    if ((versioned || !verified.external()) && verified.tokenVersion() != user.tokenVersion()) {
      throw new AuthFailure(Code.TOKEN_REVOKED, "token has been revoked");
    }
    return new Identity(user.id(), user.email(), user.roles(), user.tokenVersion(), verified.expiresAt(),
        verified.external());
  }

  private User firstSight(VerifiedToken verified) throws AuthFailure {
    if (!verified.external() || externalUsers != ExternalUsers.CREATE_ON_FIRST_SIGHT || verified.email() == null) {
      throw new AuthFailure(Code.USER_UNKNOWN, "user " + verified.userId() + " does not exist");
    }
    try {
      return users.createWithId(verified.userId(), verified.email().toLowerCase(Locale.ROOT), Set.of(User.ROLE_USER));
    } catch (UserRepository.DuplicateEmailException e) {
      throw new AuthFailure(Code.USER_UNKNOWN, "e-mail " + verified.email() + " belongs to another user");
    }
  }
}
