package io.herald.server.state;

import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.AuthFailure.Code;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.Identity;
import io.herald.server.auth.RateLimiter;
import io.herald.server.auth.SocketAuth;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  private static final Logger log = LoggerFactory.getLogger(WsAuth.class);
  private static final int MAX_TOKEN_LENGTH = 8 * 1024;

  private final AuthServices services;

  WsAuth(AuthServices services) {
    this.services = services;
  }

  /** The identity the token proves; completes on the caller's context. */
  Future<Identity> verify(String address, String token) {
    RateLimiter perIp = services.limits().socketAuthPerIp();
    if (!perIp.tryAcquire(address)) {
      return Future.failedFuture(rateLimited(perIp, address, "too many connection attempts from this address"));
    }
    if (token != null && token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(refusal(new AuthFailure(Code.TOKEN_INVALID,
          "token: " + token.length() + " characters (expected: at most " + MAX_TOKEN_LENGTH + ")")));
    }
    return services.blocking().run(() -> services.authenticator().authenticate(token))
        .recover(failure -> Future.failedFuture(refusal(failure)))
        .compose(identity -> {
          RateLimiter perAccount = services.limits().socketAuthPerAccount();
          if (!perAccount.tryAcquire(identity.userId())) {
            return Future.failedFuture(
                rateLimited(perAccount, identity.userId(), "too many connection attempts for this account"));
          }
          return Future.succeededFuture(identity);
        });
  }

  private static Refusal rateLimited(RateLimiter limiter, String key, String message) {
    long seconds = Math.max(1, limiter.retryAfter(key).toSeconds());
    return new Refusal(429, Code.RATE_LIMITED.name(), message + "; retry in " + seconds + " s", seconds);
  }

  private static Refusal refusal(Throwable failure) {
    if (failure instanceof AuthFailure auth) {
      return new Refusal(401, auth.code().name(), auth.getMessage(), 0);
    }
    log.warn("could not check the token of an /api/ws client", failure);
    return new Refusal(503, SocketAuth.UNAVAILABLE, SocketAuth.message(failure), 0);
  }
}
