package io.herald.server.state;

import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.AuthFailure.Code;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.ConnectionCheck;
import io.herald.server.auth.Identity;
import io.herald.server.auth.SocketAuth;
import io.vertx.core.Future;

/**
 * Checks the token of an {@code /api/ws} upgrade or {@code authenticate} message as Socket.IO sockets are checked:
 * rate-limited per client address before and per account after, verified off the event loop. Fails with a
 * {@link Refusal}.
 */
final class WsAuth {
  /** Why a token was not accepted, as the client is told. */
  static final class Refusal extends Exception {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    private Refusal(int status, String code, String message, long retryAfterSeconds) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
      this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The HTTP status: 429 when rate-limited, 401 for a bad token, 503 when it could not be checked. */
    int status() {
      return status;
    }

    /** An {@link AuthFailure.Code}, or {@value SocketAuth#UNAVAILABLE}. */
    String code() {
      return code;
    }

    /** When rate-limited, how long until the client may try again; else 0. */
    long retryAfterSeconds() {
      return retryAfterSeconds;
    }
  }

  private final ConnectionCheck check;

  WsAuth(AuthServices services) {
    this.check = new ConnectionCheck(services);
  }

  /** The identity the token proves; completes on the caller's context. */
  Future<Identity> verify(String address, String token) {
    return check.verify(address, token).recover(failure -> Future.failedFuture(refusal(failure)));
  }

  private static Refusal refusal(Throwable failure) {
    if (failure instanceof AuthFailure auth) {
      int status = auth.code() == Code.RATE_LIMITED ? 429 : 401;
      return new Refusal(status, auth.code().name(), auth.getMessage(), Math.max(0, auth.retryAfterSeconds()));
    }
    return new Refusal(503, SocketAuth.UNAVAILABLE, SocketAuth.message(failure), 0);
  }
}
