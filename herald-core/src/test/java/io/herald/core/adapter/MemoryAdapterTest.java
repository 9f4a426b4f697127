package io.herald.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract for the adapter of a single node, and how it keeps rooms. */
class MemoryAdapterTest extends AdapterContract {
  @Override
  protected Adapter newAdapter(RecordingHost host) {
    return new MemoryAdapter(host);
  }

  @Override
  protected boolean clustered() {
    return false;
  }

  private static List<String> received(RecordingLocalSocket socket, String event) {
    return socket.events().stream().filter(event::equals).toList();
  }

  @Test
  void aSocketThatJoinsTheOwnRoomOfAnotherGetsWhatIsSentToIt() {
    RecordingHost host = node();
    RecordingLocalSocket owner = host.connect("s1");
    RecordingLocalSocket guest = host.connect("s2", "s1");
    assertThat(host.adapter().roomCount()).isEqualTo(2);
    assertThat(host.adapter().sockets(Set.of("s1"))).containsExactlyInAnyOrder("s1", "s2");

    host.adapter().broadcast(event("to-s1"), to(Set.of("s1"), Set.of()));
    host.adapter().del("s2", "s1");
    host.adapter().broadcast(event("to-s1-again"), to(Set.of("s1"), Set.of()));
    settle(host, owner, guest);

    assertThat(owner.events()).containsSubsequence("to-s1", "to-s1-again");
    assertThat(received(guest, "to-s1")).hasSize(1);
    assertThat(received(guest, "to-s1-again")).isEmpty();
    assertThat(host.adapter().socketRooms("s1")).containsExactly("s1");
  }

  @Test
  void aRoomThatShrinksToOneMemberAndGrowsAgainReachesItsMembers() {
    RecordingHost host = node();
    RecordingLocalSocket first = host.connect("s1", "a");
    RecordingLocalSocket second = host.connect("s2", "a");
    host.adapter().del("s2", "a");
    host.adapter().broadcast(event("one"), to(Set.of("a"), Set.of()));
    RecordingLocalSocket third = host.connect("s3", "a");
    host.adapter().broadcast(event("two"), to(Set.of("a"), Set.of("s1")));
    settle(host, first, second, third);

    assertThat(received(first, "one")).hasSize(1);
    assertThat(received(second, "one")).isEmpty();
    assertThat(received(first, "two")).isEmpty();
    assertThat(received(third, "two")).hasSize(1);
    assertThat(host.adapter().roomCount()).isEqualTo(4);
  }

  @Test
  void aSocketThatLeavesEveryRoomIsNoLongerReached() {
    RecordingHost host = node();
    RecordingLocalSocket leaving = host.connect("s1", "a");
    RecordingLocalSocket staying = host.connect("s2");
    host.adapter().del("s1", "a");
    host.adapter().del("s1", "s1");

    assertThat(host.adapter().socketRooms("s1")).isEmpty();
    assertThat(host.adapter().sockets(Set.of())).containsExactly("s2");
    assertThat(host.adapter().roomCount()).isEqualTo(1);
    settle(host, staying);
    assertThat(leaving.events()).isEmpty();
  }

  @Test
  void aSocketInRoomsBeforeTheNamespaceKnowsItIsReachedOnceItDoes() {
    RecordingHost host = node();
    RecordingLocalSocket known = host.connect("s1", "a");
    host.adapter().addAll("s2", Set.of("a"));
    assertThat(host.adapter().sockets(Set.of("a"))).containsExactly("s1");
    host.adapter().broadcast(event("early"), to(Set.of("a"), Set.of()));

    RecordingLocalSocket late = host.connect("s2");
    host.adapter().broadcast(event("late"), to(Set.of("a"), Set.of()));
    settle(host, known, late);

    assertThat(known.events()).containsSubsequence("early", "late");
    assertThat(late.events()).doesNotContain("early").contains("late");
    assertThat(host.adapter().socketRooms("s2")).containsExactlyInAnyOrder("s2", "a");
  }

  @Test
  void broadcastsFollowTheMembersOfARoomAndOfTheNamespaceAsTheyChange() {
    RecordingHost host = node();
    RecordingLocalSocket first = host.connect("s1", "a");
    RecordingLocalSocket second = host.connect("s2", "a");
    host.adapter().broadcast(event("a-1"), to(Set.of("a"), Set.of()));
    host.adapter().broadcast(event("all-1"), BroadcastOptions.ALL);

    RecordingLocalSocket third = host.connect("s3", "a");
    host.adapter().del("s1", "a");
    host.adapter().broadcast(event("a-2"), to(Set.of("a"), Set.of()));
    settle(host, first, second, third);
    host.adapter().delAll("s2");
    host.adapter().broadcast(event("all-2"), BroadcastOptions.ALL);
    settle(host, first, third);

    assertThat(first.events()).contains("a-1", "all-1", "all-2").doesNotContain("a-2");
    assertThat(second.events()).containsSubsequence("a-1", "all-1", "a-2").doesNotContain("all-2");
    assertThat(third.events()).contains("a-2", "all-2").doesNotContain("a-1", "all-1");
  }
}
