package io.herald.server.presence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalPresenceTest {
  private final RecordingTransitions seen = new RecordingTransitions();
  private final LocalPresence presence = new LocalPresence(seen);

  @Test
  void announcesTheFirstSocketOfAUserAndTheEndOfItsLast() {
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketLeft("u1");
    assertThat(seen.seen()).containsExactly("online:u1:u1@example.com");

    presence.socketLeft("u1");
    assertThat(seen.seen()).containsExactly("online:u1:u1@example.com", "offline:u1");
  }

  @Test
  void listsTheUsersWithASocket() {
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketJoined(new OnlineUser("u2", null));
    presence.socketLeft("u2");

    assertThat(presence.onlineUsers().result()).containsExactly(new OnlineUser("u1", "u1@example.com"));
  }

  @Test
  void ignoresTheLeavingOfAUserItNeverSaw() {
    presence.socketLeft("nobody");

    assertThat(seen.seen()).isEmpty();
  }
}
