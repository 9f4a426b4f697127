package io.herald.server.auth;

import java.time.Instant;

/** A token Herald signed, with when it expires. */
public record IssuedToken(String token, Instant expiresAt) {
  @Override
  public String toString() {
    return "IssuedToken{expiresAt=" + expiresAt + "}";
  }
}
