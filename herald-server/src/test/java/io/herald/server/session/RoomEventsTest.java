package io.herald.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.session.testing.Connect;
import io.herald.server.session.testing.NodeSockets;
import io.herald.server.testing.IdentityGateway;
import io.herald.server.testing.IdentityGateway.RegisteredUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code joinRoom(room, cb)} and {@code leaveRoom(room, cb)} on {@code /} (seed 002). */
@Timeout(60)
class RoomEventsTest {
  private static IdentityGateway gateway;
  private static RegisteredUser ann;

  private NodeSockets node;
  private String socketId;

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = IdentityGateway.start();
    ann = gateway.register("rooms@example.com", "correct horse battery");
  }

  @AfterAll
  static void stopGateway() throws Exception {
    gateway.close();
  }

  @BeforeEach
  void connect() {
    node = NodeSockets.start(gateway.url());
    node.connect("a", "/", Connect.authToken(ann.token()));
    socketId = node.awaitConnect("a");
  }

  @AfterEach
  void stopNode() {
    node.close();
  }

  @Test
  void joinRoomAnswersAndEmitsRoomJoinedAndTheSocketGetsTheRoomsEvents() {
    JsonArray answer = node.emitWithAck("a", "joinRoom", "project-123");

    assertThat(answer).isEqualTo(new JsonArray().add(new JsonObject().put("success", true).put("room", "project-123")));
    assertThat(node.awaitEvent("a", "roomJoined"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("room", "project-123").put("success", true)));
    assertThat(rooms()).contains("project-123");
    gateway.gateway().io().of("/").to("project-123").emit("projectUpdate", new JsonObject().put("v", 2));
    assertThat(node.awaitEvent("a", "projectUpdate").getJsonObject(0).getInteger("v")).isEqualTo(2);
  }

  @Test
  void leaveRoomAnswersAndEmitsRoomLeft() {
    node.emitWithAck("a", "joinRoom", "project-123");

    JsonArray answer = node.emitWithAck("a", "leaveRoom", "project-123");

    assertThat(answer).isEqualTo(new JsonArray().add(new JsonObject().put("success", true).put("room", "project-123")));
    assertThat(node.awaitEvent("a", "roomLeft"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("room", "project-123").put("success", true)));
    assertThat(rooms()).doesNotContain("project-123");
  }

  @Test
  void joinRoomWithoutACallbackStillJoins() {
    node.emit("a", "joinRoom", "quiet-room");

    assertThat(node.awaitEvent("a", "roomJoined").getJsonObject(0).getString("room")).isEqualTo("quiet-room");
    assertThat(rooms()).contains("quiet-room");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"user:someone-else", "client:c-1", "session:s-1", "media:m-1", "admin", "admin-panel",
      "administrators", "USER:someone-else", "Admin"})
  void roomsWithAReservedPrefixCannotBeJoinedOrLeft(String room) {
    JsonObject refused = new JsonObject().put("success", false).put("error", "room name is reserved");

    assertThat(node.emitWithAck("a", "joinRoom", room)).isEqualTo(new JsonArray().add(refused));
    assertThat(node.emitWithAck("a", "leaveRoom", room)).isEqualTo(new JsonArray().add(refused));
    assertThat(rooms()).doesNotContain(room);
    assertThat(node.events("a", "roomJoined")).isEmpty();
  }

  @Test
  void theSocketCannotLeaveItsOwnUserRoomNorJoinAnotherSocketsRoom() {
    node.connect("b", "/", Connect.anonymous());
    String other = node.awaitConnect("b");

    assertThat(node.emitWithAck("a", "leaveRoom", "user:" + ann.id()).getJsonObject(0).getBoolean("success")).isFalse();
    assertThat(node.emitWithAck("a", "joinRoom", other).getJsonObject(0).getString("error"))
        .isEqualTo("room name is reserved");
    assertThat(rooms()).contains("user:" + ann.id()).doesNotContain(other);
  }

  @Test
  void roomNamesThatAreNotNonEmptyShortStringsAreRefusedWithAClearError() {
    assertThat(error(node.emitWithAck("a", "joinRoom", 42))).contains("string");
    assertThat(error(node.emitWithAck("a", "joinRoom", new JsonObject().put("room", "x")))).contains("string");
    assertThat(error(node.emitWithAck("a", "joinRoom", ""))).contains("empty");
    assertThat(error(node.emitWithAck("a", "joinRoom", "   "))).contains("empty");
    assertThat(error(node.emitWithAck("a", "joinRoom", "r".repeat(129)))).contains("129").contains("128");
    assertThat(error(node.emitWithAck("a", "joinRoom"))).contains("required");
    assertThat(error(node.emitWithAck("a", "leaveRoom", (Object) null))).contains("required");
    assertThat(node.emitWithAck("a", "joinRoom", "r".repeat(128)).getJsonObject(0).getBoolean("success")).isTrue();
    assertThat(node.disconnected("a")).isFalse();
  }

  @Test
  void aSocketCanBeInFiftyRoomsOfItsOwnAndNoMore() {
    for (int i = 1; i <= RoomEvents.MAX_ROOMS; i++) {
      node.emit("a", "joinRoom", "room-" + i);
    }
    node.awaitEvent("a", "roomJoined", RoomEvents.MAX_ROOMS);

    assertThat(error(node.emitWithAck("a", "joinRoom", "one-too-many"))).contains("50");
    assertThat(node.emitWithAck("a", "joinRoom", "room-7").getJsonObject(0).getBoolean("success")).isTrue();
    node.emitWithAck("a", "leaveRoom", "room-7");
    assertThat(node.emitWithAck("a", "joinRoom", "one-more").getJsonObject(0).getBoolean("success")).isTrue();
  }

  private JsonArray rooms() {
    JsonArray rooms = node.emitWithAck("a", "getConnectionInfo").getJsonObject(0).getJsonArray("rooms");
    assertThat(rooms).contains(socketId);
    return rooms;
  }

  private static String error(JsonArray answer) {
    JsonObject first = answer.getJsonObject(0);
    assertThat(first.getBoolean("success")).isFalse();
    return first.getString("error");
  }
}
