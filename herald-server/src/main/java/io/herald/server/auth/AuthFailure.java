package io.herald.server.auth;

/**
 * Why a token was not accepted. The code reaches clients as {@code data.code} of a Socket.IO
 * {@code connect_error}, in {@code authError} and in REST errors.
 */
public final class AuthFailure extends Exception {
  /** The codes clients see. */
  public enum Code {
    TOKEN_MISSING, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, USER_UNKNOWN, RATE_LIMITED
  }

  private final Code code;
  private final long retryAfterSeconds;

  public AuthFailure(Code code, String message) {
    this(code, message, -1);
  }

  /** A {@code RATE_LIMITED} failure that says when the client may try again. */
  public AuthFailure(Code code, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until a retry may succeed, or -1 when waiting will not help. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public Code code() {
    return code;
  }
}
