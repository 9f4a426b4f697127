package io.herald.server.session;

import static io.herald.server.session.SessionEvents.first;
import static io.herald.server.session.SessionEvents.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Ack;
import io.herald.core.server.Socket;
import io.herald.server.auth.AuthFailure;
import io.herald.server.auth.SocketAuth;
import io.vertx.core.json.JsonObject;

/**
 * {@code authenticate({token}, cb)} and {@code logout(cb)} (seed 002).
 *
 * <ul>
 *   <li>{@code authenticate} answers {@code {success: true, userId}} and emits {@code authenticated}, or answers
 *       {@code {success: false, error, code}} and emits {@code authError {message, code}}; a failed attempt leaves
 *       the socket's previous identity as it was.
 *   <li>{@code logout} makes this socket anonymous, answers {@code {success: true}} and emits
 *       {@code loggedOut {message}}; the user's tokens stay valid (REST {@code /auth/logout} revokes them).
 * </ul>
 */
final class AuthenticationEvents {
  private final SocketAuth auth;

  AuthenticationEvents(SocketAuth auth) {
    this.auth = auth;
  }

  void register(Socket socket) {
    registerRenewal(socket);
    socket.on("logout", guarded(socket, "logout", (args, ack) -> logout(socket, ack)));
  }

  /** Only {@code authenticate}: how a socket on a namespace that requires identity outlives its first token. */
  void registerRenewal(Socket socket) {
    socket.on("authenticate", guarded(socket, "authenticate", (args, ack) -> authenticate(socket, first(args), ack)));
  }

  private void authenticate(Socket socket, JsonNode payload, Ack ack) {
    JsonNode token = payload.isTextual() ? payload : payload.path("token");
    if (!token.isTextual() || token.asText().isBlank()) {
      refused(socket, ack, AuthFailure.Code.TOKEN_MISSING.name(), "authenticate: expected {token: string}");
      return;
    }
    auth.authenticate(socket, token.asText()).onComplete(done -> {
      if (done.succeeded()) {
        socket.emit("authenticated", SessionEvents.authenticated(socket, done.result()));
        ack.send(new JsonObject().put("success", true).put("userId", done.result().userId()));
      } else {
        refused(socket, ack, SocketAuth.code(done.cause()), SocketAuth.message(done.cause()));
      }
    });
  }

  private static void refused(Socket socket, Ack ack, String code, String message) {
    socket.emit("authError", new JsonObject().put("message", message).put("code", code));
    ack.send(SessionEvents.failure(message).put("code", code));
  }

  private void logout(Socket socket, Ack ack) {
    auth.logout(socket).onComplete(done -> {
      socket.emit("loggedOut", new JsonObject().put("message", "Logged out: this connection is anonymous now"));
      ack.send(new JsonObject().put("success", true));
    });
  }
}
