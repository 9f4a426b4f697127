package io.herald.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.herald.core.server.EventListener;
import io.herald.core.server.Namespace;
import io.herald.core.server.Socket;
import io.herald.server.http.ServerTime;
import io.herald.server.auth.AuthServices;
import io.herald.server.auth.Identity;
import io.herald.server.auth.LiveSessions;
import io.herald.server.auth.SocketAuth;
import io.herald.server.auth.SocketIdentity;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session surface of namespace {@code /} (seeds 001 and 002). On connect a socket gets
 * {@code welcome {message, socketId, serverTime}}, and {@code authenticated {userId, email, authenticatedAt}}
 * when its handshake carried a valid token; it joins {@code client:{clientId}} and {@code session:{sessionId}}
 * from its handshake {@code auth}. Then it may send {@code authenticate}, {@code logout}, {@code joinRoom},
 * {@code leaveRoom}, {@code getConnectionInfo}, {@code ping} and {@code heartbeat}, each answered through its
 * acknowledgement when the client asked for one.
 *
 * <p>Install after the namespace's {@link SocketAuth#optional()} middleware.
 */
public final class SessionEvents {
  /** The socket data key of when the socket connected (ISO-8601). */
  public static final String CONNECTED_AT = "connectedAt";

  private static final Logger log = LoggerFactory.getLogger(SessionEvents.class);

  private final Clock clock;
  private final AuthenticationEvents authentication;
  private final RoomEvents rooms = new RoomEvents();
  private final ProbeEvents probes;

  public SessionEvents(AuthServices services, LiveSessions live) {
    this.clock = services.clock();
    this.authentication = new AuthenticationEvents(new SocketAuth(services, live));
    this.probes = new ProbeEvents(clock);
  }

  public void install(Namespace root) {
    root.onConnection(this::connected);
  }

  /**
   * On a namespace that requires identity: {@code authenticate} with a fresh token keeps a socket connected past
   * the expiry of the token it connected with.
   */
  public void installRenewal(Namespace namespace) {
    namespace.onConnection(authentication::registerRenewal);
  }

  private void connected(Socket socket) {
    Instant now = clock.instant();
    socket.data().put(CONNECTED_AT, ServerTime.iso(now));
    List<String> identityRooms = IdentityRooms.of(socket.handshake());
    if (!identityRooms.isEmpty()) {
      socket.join(identityRooms.toArray(String[]::new));
    }
    authentication.register(socket);
    rooms.register(socket);
    probes.register(socket);
    socket.emit("welcome", new JsonObject()
        .put("message", "Welcome to Herald")
        .put("socketId", socket.id())
        .put("serverTime", ServerTime.iso(now)));
    SocketIdentity.of(socket).ifPresent(identity -> socket.emit("authenticated", authenticated(socket, identity)));
  }

  /** {@code authenticated {userId, email, authenticatedAt}}. */
  static JsonObject authenticated(Socket socket, Identity identity) {
    JsonObject payload = new JsonObject().put("userId", identity.userId());
    if (identity.email() != null) {
      payload.put("email", identity.email());
    }
    Instant at = SocketIdentity.authenticatedAt(socket).orElseGet(Instant::now);
    return payload.put("authenticatedAt", ServerTime.iso(at));
  }

  /** The first argument of an event, {@link MissingNode} when there is none. */
  static JsonNode first(List<JsonNode> args) {
    return args.isEmpty() ? MissingNode.getInstance() : args.get(0);
  }

  /** A listener that answers {@code {success: false, error}} instead of throwing. */
  static EventListener guarded(Socket socket, String event, EventListener listener) {
    return (args, ack) -> {
      try {
        listener.onEvent(args, ack);
      } catch (RuntimeException e) {
        log.warn("socket {}: '{}' failed", socket.id(), event, e);
        ack.send(failure("internal error while handling " + event));
      }
    };
  }

  /** {@code {success: false, error}}. */
  static JsonObject failure(String error) {
    return new JsonObject().put("success", false).put("error", error);
  }
}
