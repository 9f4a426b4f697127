package io.herald.core.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The listeners of one socket, kept as one immutable value. */
class SocketListenersTest {
  private static final List<JsonNode> ARGS = List.of(JsonNodeFactory.instance.numberNode(1));

  @Test
  void noListenersIsOneSharedEmptyValue() {
    assertThat(SocketListeners.NONE.any()).isEmpty();
    assertThat(SocketListeners.NONE.anyOutgoing()).isEmpty();
    assertThat(SocketListeners.NONE.disconnecting()).isEmpty();
    assertThat(SocketListeners.NONE.disconnect()).isEmpty();
    SocketListeners.NONE.onEvent("anything", ARGS, Ack.NONE);
  }

  @Test
  void eachEventReachesItsOwnListenersInTheOrderAdded() {
    List<String> calls = new ArrayList<>();
    SocketListeners listeners = SocketListeners.NONE
        .withEvent("a", (args, ack) -> calls.add("a1 " + args.get(0)))
        .withEvent("b", (args, ack) -> calls.add("b1"))
        .withEvent("a", (args, ack) -> calls.add("a2"));

    listeners.onEvent("a", ARGS, Ack.NONE);
    listeners.onEvent("c", ARGS, Ack.NONE);

    assertThat(calls).containsExactly("a1 1", "a2");
  }

  @Test
  void addingAListenerLeavesTheEarlierValueAsItWas() {
    List<String> calls = new ArrayList<>();
    SocketListeners before = SocketListeners.NONE.withEvent("a", (args, ack) -> calls.add("first"));
    SocketListeners after = before.withEvent("a", (args, ack) -> calls.add("second"))
        .withAny((event, args) -> calls.add("any"))
        .withAnyOutgoing((event, args) -> calls.add("out"))
        .withDisconnecting(reason -> calls.add("disconnecting"))
        .withDisconnect(reason -> calls.add("disconnect"));

    before.onEvent("a", ARGS, Ack.NONE);
    assertThat(calls).containsExactly("first");
    assertThat(before.any()).isEmpty();
    assertThat(SocketListeners.NONE.disconnect()).isEmpty();
    assertThat(after.any()).hasSize(1);
    assertThat(after.anyOutgoing()).hasSize(1);
    assertThat(after.disconnecting()).hasSize(1);
    assertThat(after.disconnect()).hasSize(1);
  }

  @Test
  void aListenerThatThrowsStopsTheListenersAfterIt() {
    List<String> calls = new ArrayList<>();
    SocketListeners listeners = SocketListeners.NONE
        .withEvent("a", (args, ack) -> {
          throw new IllegalStateException("boom");
        })
        .withEvent("a", (args, ack) -> calls.add("after"));

    assertThatThrownBy(() -> listeners.onEvent("a", ARGS, Ack.NONE)).hasMessage("boom");
    assertThat(calls).isEmpty();
  }
}
