package io.herald.server.auth;

/**
 * Signs and checks JWTs. Thread-safe; {@link #verify} may fetch a JWKS over the network the first time, so call it
 * off the event loop.
 */
public interface TokenService {
  /** Signs a token for the user with claims {@code sub, email, roles, tokenVersion, iat, exp} (and iss/aud if set). */
  IssuedToken issue(User user);

  /**
   * Checks signature, algorithm (only the configured ones; never {@code none}), {@code exp}/{@code nbf} with the
   * allowed clock skew, and issuer and audience when configured.
   *
   * @throws AuthFailure {@code TOKEN_INVALID} or {@code TOKEN_EXPIRED}
   */
  VerifiedToken verify(String token) throws AuthFailure;
}
