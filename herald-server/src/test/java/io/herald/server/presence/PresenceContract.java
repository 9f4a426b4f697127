package io.herald.server.presence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Presence} promises on one node, whatever keeps the counts; {@link LocalPresenceTest} and
 * {@link RedisPresenceTest} run it. Transitions may arrive asynchronously, so the tests wait for them.
 */
abstract class PresenceContract {
  static final Duration WAIT = Duration.ofSeconds(5);

  /** A fresh presence of one node, whose transitions go to {@code transitions}. */
  abstract Presence presence(Presence.Transitions transitions);

  private static List<OnlineUser> online(Presence presence) throws Exception {
    return presence.onlineUsers().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  @Test
  void announcesTheFirstSocketOfAUserAndTheEndOfItsLast() {
    RecordingTransitions seen = new RecordingTransitions();
    Presence presence = presence(seen);
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketLeft("u1");
    await().atMost(WAIT).until(() -> seen.seen().contains("online:u1:u1@example.com"));
    assertThat(seen.seen()).containsExactly("online:u1:u1@example.com");

    presence.socketLeft("u1");
    await().atMost(WAIT).until(() -> seen.seen().contains("offline:u1"));
    assertThat(seen.seen()).containsExactly("online:u1:u1@example.com", "offline:u1");
  }

  @Test
  void listsTheUsersWithASocketWithTheirEmailIfTheyHaveOne() throws Exception {
    Presence presence = presence(new RecordingTransitions());
    presence.socketJoined(new OnlineUser("u1", "u1@example.com"));
    presence.socketJoined(new OnlineUser("u2", null));
    presence.socketJoined(new OnlineUser("u3", "u3@example.com"));
    presence.socketLeft("u3");

    await().atMost(WAIT).untilAsserted(() -> assertThat(online(presence))
        .containsExactlyInAnyOrder(new OnlineUser("u1", "u1@example.com"), new OnlineUser("u2", null)));
  }

  @Test
  void ignoresTheLeavingOfAUserItNeverSaw() throws Exception {
    RecordingTransitions seen = new RecordingTransitions();
    Presence presence = presence(seen);
    presence.socketLeft("nobody");
    presence.socketJoined(new OnlineUser("u1", null));
    await().atMost(WAIT).until(() -> !seen.seen().isEmpty());

    assertThat(seen.seen()).containsExactly("online:u1:null");
    assertThat(online(presence)).containsExactly(new OnlineUser("u1", null));
  }

  @Test
  void countsNothingOnceClosed() throws Exception {
    RecordingTransitions seen = new RecordingTransitions();
    Presence presence = presence(seen);
    presence.close();
    presence.socketJoined(new OnlineUser("late", "late@example.com"));

    assertThat(online(presence)).doesNotContain(new OnlineUser("late", "late@example.com"));
    assertThat(seen.seen()).isEmpty();
  }
}
