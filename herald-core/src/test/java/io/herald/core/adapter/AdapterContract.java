package io.herald.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every {@link Adapter} does, on one node and, for cluster adapters, across nodes. A subclass supplies the
 * adapter of each node; the sockets are {@link RecordingLocalSocket}s on their own event loops.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
public abstract class AdapterContract {
  protected static final Duration WAIT = Duration.ofSeconds(10);
  protected static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  protected Vertx vertx;
  private final List<Adapter> adapters = new ArrayList<>();

  /** A new node's adapter for {@code host}: every call stands for another node of the same cluster. */
  protected abstract Adapter newAdapter(RecordingHost host);

  /** Whether the nodes made by {@link #newAdapter} share one cluster. */
  protected abstract boolean clustered();

  /** Waits until the adapters see each other, so that nothing sent next is lost. */
  protected void awaitCluster(List<Adapter> adapters) {}

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void closeAdapters() throws Exception {
    adapters.forEach(Adapter::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** {@code count} nodes of one namespace {@code /}, ready to use. */
  protected final List<RecordingHost> nodes(int count) {
    List<RecordingHost> hosts = new ArrayList<>();
    List<Adapter> created = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordingHost host = new RecordingHost("/", vertx);
      Adapter adapter = newAdapter(host);
      host.adapter(adapter);
      hosts.add(host);
      created.add(adapter);
    }
    adapters.addAll(created);
    awaitCluster(created);
    return hosts;
  }

  protected final RecordingHost node() {
    return nodes(1).get(0);
  }

  protected static SocketPacket event(String name, Object... args) {
    List<Object> data = new ArrayList<>();
    data.add(name);
    Collections.addAll(data, args);
    return SocketPacket.event("/", data, SocketPacket.NO_ID);
  }

  protected static BroadcastOptions to(Set<String> rooms, Set<String> except) {
    return new BroadcastOptions(rooms, except, false, false);
  }

  /** Broadcasts a marker to everyone and waits until every socket has it: what was sent before has arrived. */
  protected static void settle(RecordingHost from, RecordingLocalSocket... sockets) {
    String marker = "marker-" + System.nanoTime();
    from.adapter().broadcast(event(marker), BroadcastOptions.ALL);
    await().atMost(WAIT).until(() -> List.of(sockets).stream().allMatch(s -> s.events().contains(marker)));
  }

  private static List<String> received(RecordingLocalSocket socket, String event) {
    return socket.events().stream().filter(event::equals).toList();
  }

  // ---- rooms on one node ----------------------------------------------------------------------------

  @Test
  void keepsTheRoomsOfEachSocket() {
    Adapter adapter = node().adapter();
    adapter.addAll("s1", Set.of("s1", "a", "b"));
    adapter.addAll("s2", Set.of("s2", "b"));
    assertThat(adapter.socketRooms("s1")).containsExactlyInAnyOrder("s1", "a", "b");
    assertThat(adapter.roomCount()).isEqualTo(4);

    adapter.del("s1", "a");
    assertThat(adapter.socketRooms("s1")).containsExactlyInAnyOrder("s1", "b");
    assertThat(adapter.roomCount()).isEqualTo(3);

    adapter.delAll("s2");
    assertThat(adapter.socketRooms("s2")).isEmpty();
    assertThat(adapter.roomCount()).isEqualTo(2);
  }

  @Test
  void listsTheLocalSocketsOfRooms() {
    RecordingHost host = node();
    host.connect("s1", "a");
    host.connect("s2", "b");
    host.connect("s3");
    assertThat(host.adapter().sockets(Set.of())).containsExactlyInAnyOrder("s1", "s2", "s3");
    assertThat(host.adapter().sockets(Set.of("a", "b"))).containsExactlyInAnyOrder("s1", "s2");
    assertThat(host.adapter().sockets(Set.of("nobody"))).isEmpty();
  }

  // ---- broadcasts on one node -----------------------------------------------------------------------

  @Test
  void broadcastsToEverySocket() {
    RecordingHost host = node();
    RecordingLocalSocket s1 = host.connect("s1");
    RecordingLocalSocket s2 = host.connect("s2");
    host.adapter().broadcast(event("hello", Map.of("n", 1)), BroadcastOptions.ALL);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(s1.events()).containsExactly("hello");
      assertThat(s2.events()).containsExactly("hello");
    });
    assertThat(s1.deliveries().get(0).args().get(0).get("n").asInt()).isEqualTo(1);
  }

  @Test
  void broadcastsToRoomsExceptTheExcludedOnes() {
    RecordingHost host = node();
    RecordingLocalSocket inA = host.connect("s1", "a");
    RecordingLocalSocket inAandMuted = host.connect("s2", "a", "muted");
    RecordingLocalSocket outside = host.connect("s3");
    host.adapter().broadcast(event("news"), to(Set.of("a"), Set.of("muted")));
    settle(host, inA, inAandMuted, outside);
    assertThat(received(inA, "news")).hasSize(1);
    assertThat(received(inAandMuted, "news")).isEmpty();
    assertThat(received(outside, "news")).isEmpty();
  }

  @Test
  void broadcastToSeveralRoomsReachesEachSocketOnce() {
    RecordingHost host = node();
    RecordingLocalSocket both = host.connect("s1", "a", "b");
    RecordingLocalSocket onlyB = host.connect("s2", "b");
    host.adapter().broadcast(event("once"), to(Set.of("a", "b"), Set.of()));
    settle(host, both, onlyB);
    assertThat(received(both, "once")).hasSize(1);
    assertThat(received(onlyB, "once")).hasSize(1);
  }

  @Test
  void volatileBroadcastsAreDeliveredAsVolatile() {
    RecordingHost host = node();
    RecordingLocalSocket socket = host.connect("s1");
    host.adapter().broadcast(event("tick"), new BroadcastOptions(Set.of(), Set.of(), true, false));
    await().atMost(WAIT).until(() -> !socket.deliveries().isEmpty());
    assertThat(socket.deliveries().get(0).volatileDelivery()).isTrue();
  }

  @Test
  void broadcastWithAckCountsTheClientsAndForwardsTheirAcks() {
    RecordingHost host = node();
    host.connect("s1", "a").answerAcksWith(JSON.textNode("one"));
    host.connect("s2", "a").answerAcksWith(JSON.textNode("two"));
    host.connect("s3");
    AckCollector acks = new AckCollector();
    host.adapter().broadcastWithAck(withId(host, event("poll")), to(Set.of("a"), Set.of()), WAIT, acks.counts::add,
        acks.answers::add);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(acks.counts).containsExactly(2);
      assertThat(acks.answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("one", "two");
    });
  }

  protected static SocketPacket withId(RecordingHost host, SocketPacket packet) {
    return SocketPacket.event(packet.namespace(), packet.data(), host.nextAckId());
  }

  /** Client counts and acks of a broadcast with acks. */
  protected static final class AckCollector {
    public final List<Integer> counts = new CopyOnWriteArrayList<>();
    public final List<JsonNode> answers = new CopyOnWriteArrayList<>();
  }

  // ---- socket management on one node ----------------------------------------------------------------

  @Test
  void fetchesTheMatchingSockets() throws Exception {
    RecordingHost host = node();
    RecordingLocalSocket s1 = host.connect("s1", "a");
    s1.data().put("user", "ada");
    host.connect("s2", "b");
    List<SocketDetails> found = host.adapter().fetchSockets(to(Set.of("a"), Set.of()), WAIT).get(10, TimeUnit.SECONDS);
    assertThat(found).hasSize(1);
    SocketDetails details = found.get(0);
    assertThat(details.id()).isEqualTo("s1");
    assertThat(details.rooms()).containsExactlyInAnyOrder("s1", "a");
    assertThat(details.data()).containsEntry("user", "ada");
    assertThat(details.local()).isTrue();
  }

  @Test
  void makesTheMatchingSocketsJoinAndLeaveRooms() {
    RecordingHost host = node();
    host.connect("s1", "a");
    host.connect("s2");
    host.adapter().addSockets(to(Set.of("a"), Set.of()), Set.of("x", "y"));
    await().atMost(WAIT).until(() -> host.adapter().socketRooms("s1").containsAll(Set.of("x", "y")));
    assertThat(host.adapter().socketRooms("s2")).containsExactly("s2");

    host.adapter().delSockets(to(Set.of("x"), Set.of()), Set.of("x"));
    await().atMost(WAIT).until(() -> !host.adapter().socketRooms("s1").contains("x"));
    assertThat(host.adapter().socketRooms("s1")).containsExactlyInAnyOrder("s1", "a", "y");
  }

  @Test
  void disconnectsTheMatchingSockets() {
    RecordingHost host = node();
    RecordingLocalSocket s1 = host.connect("s1", "a");
    RecordingLocalSocket s2 = host.connect("s2", "a", "vip");
    RecordingLocalSocket s3 = host.connect("s3");
    host.adapter().disconnectSockets(to(Set.of("a"), Set.of("vip")), true);
    await().atMost(WAIT).until(() -> s1.disconnected() != null);
    assertThat(s1.disconnected()).isTrue();
    assertThat(s2.disconnected()).isNull();
    assertThat(s3.disconnected()).isNull();
    assertThat(host.adapter().socketRooms("s1")).isEmpty();
  }

  @Test
  void countsEveryServerOfTheCluster() throws Exception {
    int count = clustered() ? 2 : 1;
    List<RecordingHost> hosts = nodes(count);
    assertThat(hosts.get(0).adapter().serverCount().get(10, TimeUnit.SECONDS)).isEqualTo(count);
  }

  // ---- across nodes ---------------------------------------------------------------------------------

  @Test
  void broadcastsReachSocketsOnOtherNodes() throws Exception {
    assumeTrue(clustered(), "a cluster adapter");
    List<RecordingHost> hosts = nodes(2);
    RecordingLocalSocket here = hosts.get(0).connect("h1", "a");
    RecordingLocalSocket there = hosts.get(1).connect("t1", "a", "b");
    RecordingLocalSocket thereMuted = hosts.get(1).connect("t2", "a", "muted");
    RecordingLocalSocket thereOutside = hosts.get(1).connect("t3");

    hosts.get(0).adapter().broadcast(event("all", new byte[] {1, 2, 3}), BroadcastOptions.ALL);
    hosts.get(0).adapter().broadcast(event("room-a"), to(Set.of("a"), Set.of("muted")));
    hosts.get(0).adapter().broadcast(event("a-or-b"), to(Set.of("a", "b"), Set.of()));
    hosts.get(0).adapter().broadcast(event("only-here"), new BroadcastOptions(Set.of(), Set.of(), false, true));
    settle(hosts.get(0), here, there, thereMuted, thereOutside);

    assertThat(there.events()).containsSubsequence("all", "room-a", "a-or-b").doesNotContain("only-here");
    assertThat(received(there, "a-or-b")).hasSize(1);
    assertThat(received(thereMuted, "room-a")).isEmpty();
    assertThat(received(thereOutside, "room-a")).isEmpty();
    assertThat(received(here, "all")).hasSize(1);
    assertThat(received(here, "only-here")).hasSize(1);
    assertThat(there.deliveries().get(0).args().get(0).binaryValue()).containsExactly(1, 2, 3);
  }

  @Test
  void broadcastWithAckCollectsCountsAndAcksFromEveryNode() {
    assumeTrue(clustered(), "a cluster adapter");
    List<RecordingHost> hosts = nodes(2);
    hosts.get(0).connect("h1").answerAcksWith(JSON.textNode("here"));
    hosts.get(1).connect("t1").answerAcksWith(JSON.textNode("there"));
    hosts.get(1).connect("t2").answerAcksWith(JSON.binaryNode(new byte[] {7}));
    AckCollector acks = new AckCollector();
    hosts.get(0).adapter().broadcastWithAck(withId(hosts.get(0), event("poll")), BroadcastOptions.ALL, WAIT,
        acks.counts::add, acks.answers::add);
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(acks.counts).containsExactlyInAnyOrder(1, 2);
      assertThat(acks.answers).hasSize(3);
    });
    assertThat(acks.answers).anySatisfy(a -> assertThat(a.isBinary()).isTrue());
    assertThat(acks.answers).extracting(JsonNode::asText).contains("here", "there");
  }

  @Test
  void fetchSocketsFindsSocketsOnEveryNode() throws Exception {
    assumeTrue(clustered(), "a cluster adapter");
    List<RecordingHost> hosts = nodes(2);
    hosts.get(0).connect("h1", "a");
    RecordingLocalSocket remote = hosts.get(1).connect("t1", "a");
    remote.data().put("user", "grace");
    hosts.get(1).connect("t2", "b");
    List<SocketDetails> found =
        hosts.get(0).adapter().fetchSockets(to(Set.of("a"), Set.of()), WAIT).get(10, TimeUnit.SECONDS);
    assertThat(found).extracting(SocketDetails::id).containsExactlyInAnyOrder("h1", "t1");
    SocketDetails there = found.stream().filter(s -> s.id().equals("t1")).findFirst().orElseThrow();
    assertThat(there.local()).isFalse();
    assertThat(there.rooms()).containsExactlyInAnyOrder("t1", "a");
    assertThat(there.data()).containsEntry("user", "grace");
    assertThat(there.handshake()).isNotNull();
  }

  @Test
  void socketsJoinLeaveAndDisconnectReachOtherNodes() {
    assumeTrue(clustered(), "a cluster adapter");
    List<RecordingHost> hosts = nodes(2);
    hosts.get(0).connect("h1", "a");
    RecordingLocalSocket there = hosts.get(1).connect("t1", "a");
    Adapter remote = hosts.get(1).adapter();
    hosts.get(0).adapter().addSockets(to(Set.of("a"), Set.of()), Set.of("joined"));
    await().atMost(WAIT).until(() -> remote.socketRooms("t1").contains("joined"));
    assertThat(hosts.get(0).adapter().socketRooms("h1")).contains("joined");

    hosts.get(0).adapter().delSockets(to(Set.of("joined"), Set.of()), Set.of("a"));
    await().atMost(WAIT).until(() -> !remote.socketRooms("t1").contains("a"));

    hosts.get(0).adapter().disconnectSockets(to(Set.of("joined"), Set.of()), false);
    await().atMost(WAIT).until(() -> there.disconnected() != null);
    assertThat(there.disconnected()).isFalse();
  }

  @Test
  void serverSideEventsReachTheOtherNodesAndComeBackWithAcks() throws Exception {
    assumeTrue(clustered(), "a cluster adapter");
    List<RecordingHost> hosts = nodes(3);
    hosts.get(1).answerServerSideEventsWith(JSON.textNode("one"));
    hosts.get(2).answerServerSideEventsWith(JSON.textNode("two"));
    hosts.get(0).adapter().serverSideEmit(List.of("hello", 1));
    await().atMost(WAIT).until(() -> hosts.get(1).serverSideEvents().size() == 1
        && hosts.get(2).serverSideEvents().size() == 1);
    assertThat(hosts.get(1).serverSideEvents().get(0)).extracting(JsonNode::asText).containsExactly("hello", "1");
    assertThat(hosts.get(0).serverSideEvents()).isEmpty();

    List<JsonNode> answers =
        hosts.get(0).adapter().serverSideEmitWithAck(List.of("ask"), WAIT).get(10, TimeUnit.SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("one", "two");
  }

  @Test
  void serverSideEmitWithAckAloneGetsNoAnswers() throws Exception {
    RecordingHost host = node();
    host.answerServerSideEventsWith(JSON.textNode("self"));
    List<JsonNode> answers = host.adapter().serverSideEmitWithAck(List.of("ask"), WAIT).get(10, TimeUnit.SECONDS);
    assertThat(answers).isEmpty();
    assertThat(host.serverSideEvents()).isEmpty();
  }
}
