package io.herald.server.auth;

import io.herald.server.auth.AuthFailure.Code;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a connection (a Socket.IO socket, an {@code /api/ws} WebSocket) proves who it is: a rate limit per client
 * address, a bounded token, the {@link Authenticator} on a virtual thread, then a rate limit per account.
 */
public final class ConnectionCheck {
  private static final Logger log = LoggerFactory.getLogger(ConnectionCheck.class);
  static final int MAX_TOKEN_LENGTH = 8 * 1024;

  private final AuthServices services;

  public ConnectionCheck(AuthServices services) {
    this.services = services;
  }

  /**
   * The identity the token proves; completes on the caller's context. Fails with an {@link AuthFailure} (a
   * {@code RATE_LIMITED} one says when to retry), or with another exception when the token could not be checked at
   * all (logged here).
   */
  public Future<Identity> verify(String address, String token) {
    String addressKey = addressKey(address);
    RateLimiter perIp = services.limits().socketAuthPerIp();
    if (!perIp.tryAcquire(addressKey)) {
      return Future.failedFuture(rateLimited(perIp, addressKey, "too many authentication attempts from this address"));
    }
    if (token != null && token.length() > MAX_TOKEN_LENGTH) {
      return Future.failedFuture(new AuthFailure(Code.TOKEN_INVALID,
          "token: " + token.length() + " characters (expected: at most " + MAX_TOKEN_LENGTH + ")"));
    }
    return services.blocking().run(() -> services.authenticator().authenticate(token))
        .recover(ConnectionCheck::logUnexpected)
        .compose(identity -> {
          RateLimiter perAccount = services.limits().socketAuthPerAccount();
          if (!perAccount.tryAcquire(identity.userId())) {
            return Future.failedFuture(
                rateLimited(perAccount, identity.userId(), "too many authentication attempts for this account"));
          }
          return Future.succeededFuture(identity);
        });
  }

  /** The rate-limit key of a client address: IPv4 as it is, IPv6 by its /64 prefix (one client's usual share). */
  public static String addressKey(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    if (address.indexOf(':') < 0) {
      return address;
    }
    try {
      byte[] bytes = InetAddress.getByName(address).getAddress(); // an IPv6 literal: parsed, never looked up
      if (bytes.length == 4) {
        return InetAddress.getByAddress(bytes).getHostAddress();
      }
      return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
    } catch (UnknownHostException e) {
      return address;
    }
  }

  private static AuthFailure rateLimited(RateLimiter limiter, String key, String message) {
    long seconds = Math.max(1, (limiter.retryAfter(key).toMillis() + 999) / 1000);
    return new AuthFailure(Code.RATE_LIMITED, message + "; retry in " + seconds + " s", seconds);
  }

  private static Future<Identity> logUnexpected(Throwable failure) {
    if (!(failure instanceof AuthFailure)) {
      log.warn("could not check a connection's token", failure);
    }
    return Future.failedFuture(failure);
  }
}
