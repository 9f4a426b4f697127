package io.herald.server.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import io.herald.server.auth.AuthFailure.Code;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

/**
 * Checks the claims of a token whose signature was verified: lifetime with clock skew, issuer, audience and the
 * claims Herald reads. Messages are short and never echo claim values from the token.
 */
final class JwtClaimsCheck {
  private final String issuer;
  private final String audience;
  private final Duration skew;
  private final Clock clock;
  private final boolean external;

  /**
   * @param issuer the required {@code iss}, or null
   * @param audience the required {@code aud}, or null
   * @param external external tokens may lack {@code tokenVersion}
   */
  JwtClaimsCheck(String issuer, String audience, Duration skew, Clock clock, boolean external) {
    this.issuer = issuer;
    this.audience = audience;
    this.skew = skew;
    this.clock = clock;
    this.external = external;
  }

  VerifiedToken check(JWTClaimsSet claims) throws AuthFailure {
    Instant now = clock.instant();
    Instant expiresAt = instant(claims.getExpirationTime());
    if (expiresAt == null) {
      throw invalid("token has no expiry (exp)");
    }
    if (now.isAfter(expiresAt.plus(skew))) {
      throw new AuthFailure(Code.TOKEN_EXPIRED, "token expired at " + expiresAt);
    }
    Instant notBefore = instant(claims.getNotBeforeTime());
    if (notBefore != null && now.plus(skew).isBefore(notBefore)) {
      throw invalid("token not valid before " + notBefore);
    }
    if (issuer != null && !issuer.equals(claims.getIssuer())) {
      throw invalid("token issuer not accepted");
    }
    List<String> audiences = claims.getAudience();
    if (audience != null && (audiences == null || !audiences.contains(audience))) {
      throw invalid("token audience not accepted");
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      throw invalid("token has no subject (sub)");
    }
    return new VerifiedToken(subject, stringClaim(claims, "email"), roles(claims), tokenVersion(claims), expiresAt,
        external);
  }

  private int tokenVersion(JWTClaimsSet claims) throws AuthFailure {
    Integer version;
    try {
      version = claims.getIntegerClaim("tokenVersion");
    } catch (ParseException e) {
      throw invalid("token claim tokenVersion is not an integer");
    }
    if (version == null && !external) {
      throw invalid("token has no tokenVersion");
    }
    return version == null ? -1 : version;
  }

  private static Set<String> roles(JWTClaimsSet claims) throws AuthFailure {
    try {
      List<String> roles = claims.getStringListClaim("roles");
      return roles == null ? Set.of() : Set.copyOf(roles);
    } catch (ParseException | NullPointerException e) {
      throw invalid("token claim roles is not a list of strings");
    }
  }

  private static String stringClaim(JWTClaimsSet claims, String name) throws AuthFailure {
    try {
      return claims.getStringClaim(name);
    } catch (ParseException e) {
      throw invalid("token claim " + name + " is not a string");
    }
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static AuthFailure invalid(String message) {
    return new AuthFailure(Code.TOKEN_INVALID, message);
  }
}
