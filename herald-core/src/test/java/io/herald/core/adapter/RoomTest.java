package io.herald.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The array of sockets a broadcast to a room iterates. */
class RoomTest {
  private final Vertx vertx = Vertx.vertx();
  private final Map<String, AdapterHost.LocalSocket> known = new ConcurrentHashMap<>();
  private final AdapterHost namespace = new AdapterHost() {
    @Override
    public String name() {
      return "/";
    }

    @Override
    public LocalSocket socket(String id) {
      return known.get(id);
    }

    @Override
    public void onServerSideEmit(List<JsonNode> eventAndArgs, Consumer<JsonNode> ack) {}

    @Override
    public long nextAckId() {
      return 0;
    }
  };

  @AfterEach
  void closeVertx() {
    vertx.close();
  }

  private Member member(String id) {
    known.put(id, new RecordingLocalSocket(id, vertx.getOrCreateContext(), new RecordingHost("/", vertx)));
    return new Member(id);
  }

  @Test
  void keepsItsArrayUntilItsMembersChange() {
    Room room = new Room();
    Member first = member("s1");
    room.add(first);
    room.add(member("s2"));

    AdapterHost.LocalSocket[] sockets = room.sockets(namespace);
    assertThat(sockets).extracting(AdapterHost.LocalSocket::id).containsExactlyInAnyOrder("s1", "s2");
    assertThat(room.sockets(namespace)).isSameAs(sockets);

    room.remove(first);
    assertThat(room.sockets(namespace)).extracting(AdapterHost.LocalSocket::id).containsExactly("s2");
  }

  @Test
  void keepsNoArrayWhileTheSocketOfAMemberIsUnknown() {
    Room room = new Room();
    room.add(member("s1"));
    room.add(new Member("s2"));

    assertThat(room.sockets(namespace)).extracting(AdapterHost.LocalSocket::id).containsExactly("s1");
    member("s2");
    assertThat(room.sockets(namespace)).extracting(AdapterHost.LocalSocket::id).containsExactlyInAnyOrder("s1", "s2");
  }

  @Test
  void aViewOfMembersChangedElsewhereIsRemadeWhenToldOfTheChange() {
    Map<String, Member> members = new ConcurrentHashMap<>();
    Room everyone = new Room(members.values());
    members.put("s1", member("s1"));
    everyone.changed();
    assertThat(everyone.sockets(namespace)).hasSize(1);

    members.put("s2", member("s2"));
    everyone.changed();
    assertThat(everyone.sockets(namespace)).hasSize(2);
  }
}
