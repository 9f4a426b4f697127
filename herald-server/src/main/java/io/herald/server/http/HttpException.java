package io.herald.server.http;

/** A request that fails with a given status and JSON error; thrown by handlers, answered by {@link HttpErrors}. */
public final class HttpException extends RuntimeException {
  private final int status;
  private final String error;
  private final long retryAfterSeconds;

  public HttpException(int status, String error, String message) {
    this(status, error, message, -1);
  }

  /** A 429-style failure that tells the client when to retry ({@code Retry-After}). */
  public HttpException(int status, String error, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.error = error;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Seconds until a retry may succeed, or -1. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }
}
