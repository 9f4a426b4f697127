package io.herald.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.herald.core.server.Handshake;
import io.vertx.core.MultiMap;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IdentityRoomsTest {
  @Test
  void clientIdAndSessionIdBecomeRoomsAndUserIdNever() {
    ObjectNode auth = JsonNodeFactory.instance.objectNode()
        .put("clientId", "client-123").put("userId", "user-456").put("sessionId", "session-789");

    assertThat(IdentityRooms.of(handshake(auth))).containsExactly("client:client-123", "session:session-789");
  }

  @Test
  void integersAreTakenAsTheirDecimalText() {
    assertThat(IdentityRooms.of(handshake(JsonNodeFactory.instance.objectNode().put("clientId", 42))))
        .containsExactly("client:42");
  }

  @Test
  void valuesThatAreNotShortSafeStringsAreIgnored() {
    ObjectNode auth = JsonNodeFactory.instance.objectNode().put("clientId", "x".repeat(129)).put("sessionId", "a b");
    auth.putObject("nested").put("clientId", "c");

    assertThat(IdentityRooms.of(handshake(auth))).isEmpty();
    assertThat(IdentityRooms.of(handshake(JsonNodeFactory.instance.objectNode().put("clientId", "")))).isEmpty();
    assertThat(IdentityRooms.of(handshake(JsonNodeFactory.instance.objectNode().put("clientId", true)))).isEmpty();
    assertThat(IdentityRooms.of(handshake(JsonNodeFactory.instance.objectNode().put("clientId", "x".repeat(128)))))
        .containsExactly("client:" + "x".repeat(128));
  }

  private static Handshake handshake(ObjectNode auth) {
    return new Handshake(MultiMap.caseInsensitiveMultiMap(), MultiMap.caseInsensitiveMultiMap(), auth, "127.0.0.1",
        Instant.now(), "/socket.io/?EIO=4", false, false);
  }
}
