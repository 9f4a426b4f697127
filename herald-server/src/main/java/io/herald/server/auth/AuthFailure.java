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

  public AuthFailure(Code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public Code code() {
    return code;
  }
}
