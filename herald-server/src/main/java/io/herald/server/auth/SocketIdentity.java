package io.herald.server.auth;

import io.herald.core.server.RemoteSocket;
import io.herald.core.server.Socket;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Who a Socket.IO socket belongs to, kept in its {@link Socket#data()}.
 *
 * <p>Plain values any node can read through {@code fetchSockets()}: {@value #USER_ID} and {@value #EMAIL}
 * (strings), {@value #ROLES} (a sorted list of strings) and {@value #AUTHENTICATED_AT} (ISO-8601). The
 * {@link Identity} itself stays on the socket's own node.
 *
 * <p>{@link #set} and {@link #clear} only record; joining {@code user:{id}} and watching the token's expiry
 * is what {@link SocketAuth} does around them.
 */
public final class SocketIdentity {
  public static final String USER_ID = "userId";
  public static final String EMAIL = "email";
  public static final String ROLES = "roles";
  public static final String AUTHENTICATED_AT = "authenticatedAt";

  private static final String USER_ROOM_PREFIX = "user:";

  private SocketIdentity() {}

  /** The verified identity of a socket of this node, empty for an anonymous one. */
  public static Optional<Identity> of(Socket socket) {
    SocketLogin login = SocketLogin.find(socket);
    return login == null ? Optional.empty() : Optional.ofNullable(login.identity());
  }

  /** When the socket proved its current identity. */
  public static Optional<Instant> authenticatedAt(Socket socket) {
    SocketLogin login = SocketLogin.find(socket);
    return login == null || login.identity() == null ? Optional.empty() : Optional.of(login.authenticatedAt());
  }

  /** The user id of any socket, on this node or another one, empty for an anonymous one. */
  public static Optional<String> userId(RemoteSocket socket) {
    return socket.data().get(USER_ID) instanceof String id ? Optional.of(id) : Optional.empty();
  }

  /** Records {@code identity} as the socket's, proven now. */
  public static void set(Socket socket, Identity identity) {
    set(socket, identity, Instant.now());
  }

  /** Records {@code identity} as the socket's, proven at {@code at}. */
  public static void set(Socket socket, Identity identity, Instant at) {
    SocketLogin.of(socket).identify(identity, at);
    Map<String, Object> data = socket.data();
    data.put(USER_ID, identity.userId());
    if (identity.email() != null) {
      data.put(EMAIL, identity.email());
    } else {
      data.remove(EMAIL);
    }
    data.put(ROLES, identity.roles().stream().sorted().toList());
    data.put(AUTHENTICATED_AT, at.toString());
  }

  /** Records that the socket is anonymous. */
  public static void clear(Socket socket) {
    SocketLogin login = SocketLogin.find(socket);
    if (login != null) {
      login.identify(null, null);
    }
    Map<String, Object> data = socket.data();
    data.remove(USER_ID);
    data.remove(EMAIL);
    data.remove(ROLES);
    data.remove(AUTHENTICATED_AT);
  }

  /** {@code user:{userId}}: every socket of the user, on every node. */
  public static String userRoom(String userId) {
    return USER_ROOM_PREFIX + userId;
  }
}
