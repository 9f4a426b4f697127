package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.IO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rooms and broadcasting. To check that a client did not get a broadcast without waiting for nothing, every
 * test ends with a broadcast of {@code marker} to all: once a client has the marker, it has everything sent
 * to it before (one connection keeps the order of its packets).
 */
class RoomsAndBroadcastTest {
  private TestServer server;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();
  private final Map<String, DisconnectReason> disconnects = new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.data().put("user", socket.handshake().auth().path("user").asText("anonymous"));
      socket.onDisconnect(reason -> disconnects.put(socket.id(), reason));
      connections.add(socket);
    }));
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    server.close();
  }

  private RecordingClient connect(String user, String... transports) throws InterruptedException {
    IO.Options options = RecordingClient.options(transports);
    options.auth = Map.of("user", user);
    RecordingClient client = RecordingClient.create(server.url(), options);
    client.events("news");
    client.events("marker");
    clients.add(client);
    client.connectAndAwait();
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.id()).isEqualTo(client.id());
    return client;
  }

  private Socket serverSide(RecordingClient client) {
    return server.socketOf(client);
  }

  /** Sends the marker to everyone and returns how many "news" each client got before it. */
  private List<Integer> newsCountsAfterMarker(RecordingClient... all) {
    server.io.of("/").emit("marker");
    List<Integer> counts = new ArrayList<>();
    for (RecordingClient client : all) {
      client.next("marker");
      counts.add(client.drain("news").size());
    }
    return counts;
  }

  @Test
  void socketRoomsIncludeItsOwnIdAndFollowJoinAndLeave() throws Exception {
    RecordingClient client = connect("ann");
    Socket socket = serverSide(client);
    assertThat(socket.rooms()).containsExactly(socket.id());

    socket.join("a", "b");
    assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "a", "b");

    socket.leave("a");
    assertThat(socket.rooms()).containsExactlyInAnyOrder(socket.id(), "b");
  }

  @Test
  void broadcastToRoomReachesOnlyItsMembers() throws Exception {
    RecordingClient a = connect("a");
    RecordingClient b = connect("b");
    RecordingClient c = connect("c");
    serverSide(a).join("a");
    serverSide(b).join("a");

    server.io.of("/").to("a").emit("news", "for a");

    assertThat(a.next("news")).containsExactly("for a");
    assertThat(b.next("news")).containsExactly("for a");
    assertThat(newsCountsAfterMarker(a, b, c)).containsExactly(0, 0, 0);
  }

  @Test
  void broadcastToTwoRoomsReachesASocketInBothOnlyOnce() throws Exception {
    RecordingClient inA = connect("a");
    RecordingClient inBoth = connect("ab");
    RecordingClient inB = connect("b");
    RecordingClient none = connect("none");
    serverSide(inA).join("a");
    serverSide(inBoth).join("a", "b");
    serverSide(inB).join("b");

    server.io.of("/").to("a", "b").emit("news", 1);
    server.io.of("/").to("a").to("b").emit("news", 2);

    assertThat(newsCountsAfterMarker(inA, inBoth, inB, none)).containsExactly(2, 2, 2, 0);
  }

  @Test
  void broadcastExceptLeavesOutTheSocketsInThoseRooms() throws Exception {
    RecordingClient inA = connect("a");
    RecordingClient inBoth = connect("ab");
    RecordingClient none = connect("none");
    serverSide(inA).join("a");
    serverSide(inBoth).join("a", "b");

    server.io.of("/").to("a").except("b").emit("news", "a not b");
    server.io.of("/").except("b").emit("news", "all but b");

    assertThat(newsCountsAfterMarker(inA, inBoth, none)).containsExactly(2, 0, 1);
  }

  @Test
  void socketToRoomExcludesTheSender() throws Exception {
    RecordingClient sender = connect("sender");
    RecordingClient other = connect("other");
    RecordingClient outsider = connect("outsider");
    serverSide(sender).join("a");
    serverSide(other).join("a");

    serverSide(sender).to("a").emit("news", "from sender");
    serverSide(sender).in("a").emit("news", "in, from sender");

    assertThat(newsCountsAfterMarker(sender, other, outsider)).containsExactly(0, 2, 0);
  }

  @Test
  void socketBroadcastReachesAllButTheSender() throws Exception {
    RecordingClient sender = connect("sender");
    RecordingClient b = connect("b");
    RecordingClient c = connect("c", "polling");

    serverSide(sender).broadcast().emit("news", "hi all");
    serverSide(sender).except("nothing").emit("news", "except nothing");

    assertThat(newsCountsAfterMarker(sender, b, c)).containsExactly(0, 2, 2);
  }

  @Test
  void aSocketLeavesItsRoomsWhenItDisconnects() throws Exception {
    RecordingClient a = connect("a");
    Socket socket = serverSide(a);
    socket.join("room");
    a.close();

    await().atMost(Duration.ofSeconds(5)).until(() -> disconnects.containsKey(socket.id()));
    assertThat(socket.rooms()).isEmpty();
    assertThat(server.io.of("/").in("room").fetchSockets().get(5, SECONDS)).isEmpty();
  }

  @Test
  void fetchSocketsReturnsTheSocketsWithTheirDataAndHandshake() throws Exception {
    RecordingClient ann = connect("ann");
    RecordingClient bob = connect("bob", "polling");
    RecordingClient cid = connect("cid");
    serverSide(ann).join("room");
    serverSide(cid).join("room");

    List<RemoteSocket> all = server.io.of("/").fetchSockets().get(5, SECONDS);
    assertThat(all).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ann.id(), bob.id(), cid.id());
    for (RemoteSocket socket : all) {
      assertThat(socket.handshake()).isInstanceOf(Handshake.class);
      String user = ((Handshake) socket.handshake()).auth().get("user").asText();
      assertThat(socket.data()).containsEntry("user", user);
    }
    assertThat(all).filteredOn(s -> s.id().equals(bob.id())).singleElement()
        .satisfies(s -> assertThat(s.data()).containsEntry("user", "bob"));

    List<RemoteSocket> inRoom = server.io.of("/").in("room").fetchSockets().get(5, SECONDS);
    assertThat(inRoom).extracting(RemoteSocket::id).containsExactlyInAnyOrder(ann.id(), cid.id());
    assertThat(inRoom).extracting(s -> s.data().get("user")).containsExactlyInAnyOrder("ann", "cid");
    assertThat(inRoom).allSatisfy(s -> assertThat(s.rooms()).contains("room", s.id()));

    List<RemoteSocket> notInRoom = server.io.of("/").except("room").fetchSockets().get(5, SECONDS);
    assertThat(notInRoom).extracting(RemoteSocket::id).containsExactly(bob.id());
  }

  @Test
  void aFetchedSocketCanBeUsedToEmitAndJoin() throws Exception {
    RecordingClient ann = connect("ann");
    RemoteSocket fetched = server.io.of("/").fetchSockets().get(5, SECONDS).get(0);

    fetched.emit("news", "direct");
    assertThat(ann.next("news")).containsExactly("direct");
    fetched.join("x");
    server.io.of("/").to("x").emit("news", "to x");
    assertThat(ann.next("news")).containsExactly("to x");
  }

  @Test
  void socketsJoinAndSocketsLeaveMoveTheSelectedSocketsBetweenRooms() throws Exception {
    RecordingClient a = connect("a");
    RecordingClient b = connect("b");
    RecordingClient c = connect("c");
    serverSide(a).join("old");
    serverSide(b).join("old");

    server.io.of("/").in("old").socketsJoin("new");
    server.io.of("/").to("new").emit("news", "new 1");
    assertThat(newsCountsAfterMarker(a, b, c)).containsExactly(1, 1, 0);
    assertThat(serverSide(a).rooms()).contains("old", "new");

    server.io.of("/").in(b.id()).socketsLeave("new", "old");
    server.io.of("/").to("new").emit("news", "new 2");
    server.io.of("/").to("old").emit("news", "old");
    assertThat(newsCountsAfterMarker(a, b, c)).containsExactly(2, 0, 0);

    server.io.of("/").socketsJoin("everyone");
    server.io.of("/").to("everyone").emit("news", "everyone");
    assertThat(newsCountsAfterMarker(a, b, c)).containsExactly(1, 1, 1);
  }

  @Test
  void disconnectSocketsWithoutCloseDisconnectsTheSelectedSocketsFromTheNamespace() throws Exception {
    RecordingClient a = connect("a");
    RecordingClient b = connect("b");
    RecordingClient stays = connect("stays");
    String aId = a.id();
    String bId = b.id();
    serverSide(a).join("bye");
    serverSide(b).join("bye");

    server.io.of("/").in("bye").disconnectSockets(false);

    assertThat(a.nextDisconnectReason()).isEqualTo("io server disconnect");
    assertThat(b.nextDisconnectReason()).isEqualTo("io server disconnect");
    await().atMost(Duration.ofSeconds(5)).until(() -> disconnects.size() == 2);
    assertThat(disconnects).containsOnly(
        Map.entry(aId, DisconnectReason.SERVER_NAMESPACE_DISCONNECT),
        Map.entry(bId, DisconnectReason.SERVER_NAMESPACE_DISCONNECT));
    assertThat(server.io.of("/").sockets()).containsOnlyKeys(stays.id());
    assertThat(newsCountsAfterMarker(stays)).containsExactly(0);
  }

  @Test
  void disconnectSocketsWithCloseClosesTheirConnections() throws Exception {
    RecordingClient a = connect("a");
    RecordingClient stays = connect("stays");
    String aId = a.id();
    serverSide(a).join("bye");

    server.io.of("/").in("bye").disconnectSockets(true);

    a.nextDisconnectReason();
    await().atMost(Duration.ofSeconds(5)).until(() -> disconnects.containsKey(aId));
    await().atMost(Duration.ofSeconds(5)).until(() -> server.io.clientsCount() == 1);
    assertThat(server.io.of("/").sockets()).containsOnlyKeys(stays.id());
    assertThat(newsCountsAfterMarker(stays)).containsExactly(0);
  }
}
