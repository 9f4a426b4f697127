package io.herald.server.auth;

import io.herald.core.server.Middleware;
import io.herald.core.server.Namespace;
import io.herald.core.server.Socket;
import io.herald.server.auth.AuthFailure.Code;
import io.vertx.core.Future;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Socket.IO authentication: namespace middleware that checks the token a socket presents, and the
 * {@code authenticate}/{@code logout} operations of a connected socket.
 *
 * <p>The token is read from {@code auth.token}, the {@code token} query parameter or an
 * {@code Authorization: Bearer} header ({@link TokenCarriers}), checked off the event loop, and rate-limited
 * per IP address (before checking) and per account (after). A verified socket gets its {@link SocketIdentity},
 * joins {@code user:{userId}} and is watched by {@link LiveSessions}: when its token expires or its user is
 * revoked, it receives {@code authError {message, code}} and is disconnected from its namespace.
 *
 * <p>A refusal reaches the client's {@code connect_error} as {@code err.message} and {@code err.data.code}: one
 * of {@link AuthFailure.Code}, or {@value #UNAVAILABLE} when the token could not be checked at all.
 */
public final class SocketAuth {
  /** The code of a token that could not be checked because something failed on the server. */
  public static final String UNAVAILABLE = "AUTH_UNAVAILABLE";

  private static final Logger log = LoggerFactory.getLogger(SocketAuth.class);
  private static final String MISSING = "authentication required: send a token as auth.token, the token query"
      + " parameter or an Authorization: Bearer header";

  private final AuthServices services;
  private final ConnectionCheck check;
  private final LiveSessions live;
  private final Map<Namespace, Boolean> watched = new ConcurrentHashMap<>();

  public SocketAuth(AuthServices services, LiveSessions live) {
    this.services = services;
    this.check = new ConnectionCheck(services);
    this.live = live;
  }

  /** Lets through only sockets with a valid token. */
  public Middleware required() {
    return (socket, next) -> admit(socket, next, true);
  }

  /**
   * Lets through sockets without a token as anonymous ones; a socket that presents a token is refused when the
   * token is not valid, exactly as by {@link #required()}.
   */
  public Middleware optional() {
    return (socket, next) -> admit(socket, next, false);
  }

  /**
   * Proves a connected socket's identity with a fresh token: the same user renews its watch (the socket outlives
   * the old token), another user replaces the previous one. Fails with the reason; the socket keeps its previous
   * identity then. Call on the socket's context; requests of one socket complete in the order made.
   */
  public Future<Identity> authenticate(Socket socket, String token) {
    return SocketLogin.of(socket).serially(() -> verify(socket, token).map(identity -> {
      signIn(socket, identity);
      return identity;
    }));
  }

  /** Makes a connected socket anonymous; its user's tokens stay valid. Call on the socket's context. */
  public Future<Void> logout(Socket socket) {
    return SocketLogin.of(socket).serially(() -> {
      signOut(socket);
      return Future.succeededFuture();
    });
  }

  /** The {@code data.code} a client sees for a failure of {@link #authenticate}. */
  public static String code(Throwable failure) {
    return failure instanceof AuthFailure auth ? auth.code().name() : UNAVAILABLE;
  }

  /** The message a client sees for a failure of {@link #authenticate}. */
  public static String message(Throwable failure) {
    return failure instanceof AuthFailure ? failure.getMessage() : "authentication is unavailable; try again later";
  }

  private void admit(Socket socket, Middleware.Next next, boolean required) {
    String token = TokenCarriers.fromHandshake(socket.handshake());
    if (token == null) {
      if (required) {
        next.refuse(MISSING, Map.of("code", Code.TOKEN_MISSING.name()));
      } else {
        next.proceed();
      }
      return;
    }
    watchConnections(socket.namespace());
    verify(socket, token).onComplete(done -> {
      if (done.succeeded()) {
        SocketIdentity.set(socket, done.result(), services.clock().instant());
        next.proceed();
      } else {
        next.refuse(message(done.cause()), Map.of("code", code(done.cause())));
      }
    });
  }

  /** Checks the token; completes on the caller's context. */
  private Future<Identity> verify(Socket socket, String token) {
    return check.verify(socket.handshake().address(), token);
  }

  /**
   * Joins {@code user:} and starts watching sockets this middleware verified once they are connected: a socket
   * refused later, or whose client left during the check, leaves nothing behind.
   */
  private void watchConnections(Namespace namespace) {
    watched.computeIfAbsent(namespace, ns -> {
      ns.onConnection(this::watch);
      return Boolean.TRUE;
    });
  }

  private void watch(Socket socket) {
    SocketLogin login = SocketLogin.find(socket);
    if (login != null && login.identity() != null && !login.tracked()) {
      track(socket, login, login.identity());
    }
  }

  private void signIn(Socket socket, Identity identity) {
    if (!socket.connected()) {
      return;
    }
    SocketLogin login = SocketLogin.of(socket);
    Identity current = login.identity();
    if (current != null && login.tracked() && current.userId().equals(identity.userId())) {
      login.renew(identity);
      SocketIdentity.set(socket, identity, services.clock().instant());
      return;
    }
    forget(socket);
    SocketIdentity.set(socket, identity, services.clock().instant());
    track(socket, login, identity);
    services.events().publish(new SocketIdentityChanged(socket));
  }

  private void signOut(Socket socket) {
    if (forget(socket)) {
      services.events().publish(new SocketIdentityChanged(socket));
    }
  }

  /** Drops the socket's identity; whether it had one. */
  private boolean forget(Socket socket) {
    SocketLogin login = SocketLogin.find(socket);
    if (login == null || login.identity() == null) {
      return false;
    }
    login.untrack();
    socket.leave(SocketIdentity.userRoom(login.identity().userId()));
    SocketIdentity.clear(socket);
    return true;
  }

  private void track(Socket socket, SocketLogin login, Identity identity) {
    socket.join(SocketIdentity.userRoom(identity.userId()));
    login.track(socket, live.track(identity, (code, message) -> revoked(socket, code, message)));
  }

  /** The token expired or its user was revoked: tell the client why, then leave only this namespace. */
  private static void revoked(Socket socket, Code code, String message) {
    socket.emit("authError", Map.of("message", message, "code", code.name()));
    socket.disconnect(false);
  }
}
