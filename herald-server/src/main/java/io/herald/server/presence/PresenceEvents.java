package io.herald.server.presence;

import io.herald.core.server.Ack;
import io.herald.core.server.Namespace;
import io.herald.core.server.Socket;
import io.herald.server.auth.Identity;
import io.herald.server.auth.SocketIdentity;
import io.herald.server.auth.SocketIdentityChanged;
import io.herald.server.events.DomainEvents;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence on namespace {@code /} (seed 003): counts every authenticated socket in a {@link Presence}, and
 * answers {@code get_online_users} with {@code {users: [{userId, email}], count}}, through the acknowledgement
 * and as an {@code online_users} event; an anonymous socket gets {@code exception {status: "error", message}}.
 *
 * <p>A socket counts from its connection (a token in the handshake) or from the moment it proves an identity
 * with {@code authenticate}, and stops counting when it disconnects or logs out ({@link SocketIdentityChanged}).
 */
public final class PresenceEvents {
  private static final String ANONYMOUS = "authentication required: connect with a token or send authenticate first";

  private final Presence presence;
  /** Socket id → the user it is counted for. */
  private final Map<String, String> counted = new ConcurrentHashMap<>();

  public PresenceEvents(Presence presence) {
    this.presence = presence;
  }

  public void install(Namespace root, DomainEvents events) {
    root.onConnection(this::connected);
    events.subscribe(SocketIdentityChanged.class, changed -> {
      if (changed.socket().namespace() == root) {
        reconcile(changed.socket());
      }
    });
  }

  private void connected(Socket socket) {
    socket.onDisconnect(reason -> {
      String userId = counted.remove(socket.id());
      if (userId != null) {
        presence.socketLeft(userId);
      }
    });
    socket.on("get_online_users", (args, ack) -> onlineUsers(socket, ack));
    reconcile(socket);
  }

  /** Counts the socket for the user it belongs to now, if that changed. */
  private void reconcile(Socket socket) {
    Optional<Identity> identity = socket.connected() ? SocketIdentity.of(socket) : Optional.empty();
    String now = identity.map(Identity::userId).orElse(null);
    String before = now == null ? counted.remove(socket.id()) : counted.put(socket.id(), now);
    if (Objects.equals(before, now)) {
      return;
    }
    if (before != null) {
      presence.socketLeft(before);
    }
    if (now != null) {
      presence.socketJoined(new OnlineUser(now, identity.get().email()));
    }
  }

  private void onlineUsers(Socket socket, Ack ack) {
    if (SocketIdentity.of(socket).isEmpty()) {
      JsonObject error = new JsonObject().put("status", "error").put("message", ANONYMOUS);
      socket.emit("exception", error);
      ack.send(error);
      return;
    }
    presence.onlineUsers().onComplete(done -> {
      List<OnlineUser> users = done.succeeded() ? done.result() : List.of();
      JsonArray list = new JsonArray();
      users.forEach(user -> list.add(new JsonObject().put("userId", user.userId()).put("email", user.email())));
      JsonObject answer = new JsonObject().put("users", list).put("count", users.size());
      socket.emit("online_users", answer);
      ack.send(answer);
    });
  }
}
