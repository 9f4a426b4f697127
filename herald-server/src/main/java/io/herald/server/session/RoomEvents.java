package io.herald.server.session;

import static io.herald.server.session.SessionEvents.first;
import static io.herald.server.session.SessionEvents.guarded;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.server.Ack;
import io.herald.core.server.Socket;
import io.vertx.core.json.JsonObject;

/**
 * {@code joinRoom(room, cb)} and {@code leaveRoom(room, cb)} (seed 002): answer {@code {success: true, room}} and
 * emit {@code roomJoined}/{@code roomLeft {room, success: true}}, or answer {@code {success: false, error}} for a
 * name that is not a string, is empty or too long, is reserved ({@link RoomNames}), or would take the socket past
 * {@value #MAX_ROOMS} rooms of its own.
 */
final class RoomEvents {
  /** How many rooms a socket may be in besides its own and the server-assigned ones. */
  static final int MAX_ROOMS = 50;

  void register(Socket socket) {
    socket.on("joinRoom", guarded(socket, "joinRoom", (args, ack) -> join(socket, first(args), ack)));
    socket.on("leaveRoom", guarded(socket, "leaveRoom", (args, ack) -> leave(socket, first(args), ack)));
  }

  private static void join(Socket socket, JsonNode room, Ack ack) {
    String problem = RoomNames.problem(socket, room);
    if (problem != null) {
      ack.send(SessionEvents.failure(problem));
      return;
    }
    String name = room.asText();
    if (!socket.rooms().contains(name) && ownRooms(socket) >= MAX_ROOMS) {
      ack.send(SessionEvents.failure("too many rooms: at most " + MAX_ROOMS + " per connection; leave one first"));
      return;
    }
    socket.join(name);
    socket.emit("roomJoined", new JsonObject().put("room", name).put("success", true));
    ack.send(new JsonObject().put("success", true).put("room", name));
  }

  private static void leave(Socket socket, JsonNode room, Ack ack) {
    String problem = RoomNames.problem(socket, room);
    if (problem != null) {
      ack.send(SessionEvents.failure(problem));
      return;
    }
    String name = room.asText();
    socket.leave(name);
    socket.emit("roomLeft", new JsonObject().put("room", name).put("success", true));
    ack.send(new JsonObject().put("success", true).put("room", name));
  }

  /** The rooms a client chose: not its own, not a server-assigned one. */
  private static long ownRooms(Socket socket) {
    return socket.rooms().stream()
        .filter(room -> !room.equals(socket.id()) && !RoomNames.isReserved(room))
        .count();
  }
}
