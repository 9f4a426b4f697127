package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.herald.core.engineio.EngineOptions;
import io.socket.client.IO;
import io.socket.client.Manager;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Why sockets get disconnected, and what happens to the rest of their connection. */
class DisconnectTest {
  private static final Duration AWAIT = Duration.ofSeconds(5);

  private TestServer server;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();
  private final Map<String, DisconnectReason> reasons = new ConcurrentHashMap<>();
  private final Map<String, Set<String>> roomsWhenDisconnecting = new ConcurrentHashMap<>();

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    if (server != null) {
      server.close();
    }
  }

  private void start(UnaryOperator<SocketServer.Builder> config) throws Exception {
    server = TestServer.start(config, (vertx, io) -> {
      for (String name : List.of("/", "/other")) {
        io.of(name).onConnection(socket -> {
          socket.on("echo", (args, ack) -> ack.send(args.toArray()));
          socket.onDisconnecting(reason -> roomsWhenDisconnecting.put(socket.id(), socket.rooms()));
          socket.onDisconnect(reason -> reasons.put(socket.id(), reason));
          connections.add(socket);
        });
      }
    });
  }

  private void start() throws Exception {
    start(b -> b);
  }

  private Socket nextConnection() throws InterruptedException {
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).as("server-side connection").isNotNull();
    return socket;
  }

  private DisconnectReason awaitReason(String socketId) {
    await().atMost(AWAIT).until(() -> reasons.containsKey(socketId));
    return reasons.get(socketId);
  }

  private RecordingClient connect(String... transports) throws InterruptedException {
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options(transports));
    clients.add(client);
    client.connectAndAwait();
    nextConnection();
    return client;
  }

  /** Two namespaces of one connection: "/" and "/other". */
  private List<RecordingClient> connectMultiplexed(String... transports) throws InterruptedException {
    IO.Options options = RecordingClient.options(transports);
    Manager manager = new Manager(URI.create(server.url()), options);
    RecordingClient main = RecordingClient.create(manager, "/", options);
    RecordingClient other = RecordingClient.create(manager, "/other", options);
    clients.add(main);
    clients.add(other);
    main.connectAndAwait();
    other.connectAndAwait();
    nextConnection();
    nextConnection();
    assertThat(server.io.clientsCount()).isEqualTo(1);
    return List.of(main, other);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling"})
  void clientDisconnectGivesClientNamespaceDisconnectAndLeavesTheOtherNamespacesConnected(String transport)
      throws Exception {
    start();
    List<RecordingClient> pair = connectMultiplexed(transport);
    RecordingClient main = pair.get(0);
    RecordingClient other = pair.get(1);
    String mainId = main.id();
    server.socketOf("/", main).join("room");

    main.socket.disconnect();

    assertThat(awaitReason(mainId)).isEqualTo(DisconnectReason.CLIENT_NAMESPACE_DISCONNECT);
    assertThat(roomsWhenDisconnecting.get(mainId)).contains("room", mainId);
    assertThat(server.io.of("/").sockets()).isEmpty();
    assertThat(other.emitWithAck("echo", "still here")).containsExactly("still here");
    assertThat(server.io.of("/other").sockets()).containsOnlyKeys(other.id());
    assertThat(server.io.clientsCount()).isEqualTo(1);
    assertThat(reasons).doesNotContainKey(other.id());
  }

  @Test
  void serverDisconnectWithoutCloseGivesServerNamespaceDisconnectAndKeepsTheConnection() throws Exception {
    start();
    List<RecordingClient> pair = connectMultiplexed();
    RecordingClient main = pair.get(0);
    RecordingClient other = pair.get(1);
    Socket socket = server.socketOf("/", main);

    socket.disconnect(false);

    assertThat(main.nextDisconnectReason()).isEqualTo("io server disconnect");
    assertThat(awaitReason(socket.id())).isEqualTo(DisconnectReason.SERVER_NAMESPACE_DISCONNECT);
    assertThat(socket.connected()).isFalse();
    assertThat(socket.rooms()).isEmpty();
    assertThat(other.emitWithAck("echo", 1)).containsExactly(1);
    assertThat(server.io.clientsCount()).isEqualTo(1);
  }

  @Test
  void serverDisconnectWithCloseClosesTheWholeConnection() throws Exception {
    start();
    List<RecordingClient> pair = connectMultiplexed("polling", "websocket");
    RecordingClient main = pair.get(0);
    RecordingClient other = pair.get(1);
    String mainId = main.id();
    String otherId = other.id();

    server.socketOf("/", main).disconnect(true);

    main.nextDisconnectReason();
    other.nextDisconnectReason();
    awaitReason(mainId);
    awaitReason(otherId);
    await().atMost(AWAIT).until(() -> server.io.clientsCount() == 0);
    assertThat(server.io.of("/").sockets()).isEmpty();
    assertThat(server.io.of("/other").sockets()).isEmpty();
  }

  @Test
  void closingTheServerDisconnectsEverySocketWithServerShuttingDown() throws Exception {
    // short heartbeats: see the end of the test
    start(b -> b.engine(EngineOptions.builder()
        .pingInterval(Duration.ofMillis(500)).pingTimeout(Duration.ofMillis(500)).build()));
    RecordingClient ws = connect("websocket");
    RecordingClient polling = connect("polling");
    String wsId = ws.id();
    String pollingId = polling.id();
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), "", 0)) {
      assertThat(raw.readTextFrame()).startsWith("0{");
      raw.sendText("40");
      assertThat(raw.readTextFrame()).startsWith("40{");
      String rawId = nextConnection().id();

      server.io.close().toCompletionStage().toCompletableFuture().get(5, SECONDS);

      assertThat(awaitReason(wsId)).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN);
      assertThat(awaitReason(pollingId)).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN);
      assertThat(awaitReason(rawId)).isEqualTo(DisconnectReason.SERVER_SHUTTING_DOWN);
      await().atMost(AWAIT).until(() -> server.io.clientsCount() == 0);
      // the server closes the WebSocket: the raw client reads the close frame
      assertThatThrownBy(raw::readTextFrame).isInstanceOf(java.io.EOFException.class);
    }
    assertThat(polling.nextDisconnectReason()).isEqualTo("transport close");
    // engine.io-client-java never answers a close frame (no onClosing) and OkHttp stops reading after one, so
    // this client only notices through its own heartbeat (pingInterval + pingTimeout without a ping)
    assertThat(ws.nextDisconnectReason()).isNotBlank();
  }

  @Test
  void aConnectionThatNeverSendsConnectIsClosedAfterTheConnectTimeout() throws Exception {
    start(b -> b.connectTimeout(Duration.ofMillis(300)));
    RecordingClient joined = connect("websocket");
    RawPollingClient raw = new RawPollingClient(server.port());
    raw.handshake();
    assertThat(server.io.clientsCount()).isEqualTo(2);

    HttpResponse<String> poll = raw.poll();

    assertThat(poll.statusCode() == 400 || "1".equals(poll.body()))
        .as("close packet or 400, got %s %s", poll.statusCode(), poll.body()).isTrue();
    await().atMost(AWAIT).until(() -> server.io.clientsCount() == 1);
    assertThat(raw.poll().statusCode()).isEqualTo(400);
    await().during(Duration.ofMillis(600)).atMost(AWAIT).until(() -> joined.socket.connected());
    assertThat(joined.emitWithAck("echo", "alive")).containsExactly("alive");
  }

  @Test
  void aConnectionThatSendsConnectInTimeIsKeptOpen() throws Exception {
    start(b -> b.connectTimeout(Duration.ofMillis(300)));
    RawPollingClient raw = new RawPollingClient(server.port());
    raw.handshake();
    assertThat(raw.post("40").body()).isEqualTo("ok");
    assertThat(raw.poll().body()).startsWith("40{\"sid\":\"");
    Socket socket = nextConnection();

    await().during(Duration.ofMillis(600)).atMost(AWAIT).until(socket::connected);
    assertThat(server.io.clientsCount()).isEqualTo(1);
  }

  @Test
  void aClosedTransportGivesTransportClose() throws Exception {
    start();
    String id;
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), "", 0)) {
      assertThat(raw.readTextFrame()).startsWith("0{");
      raw.sendText("40");
      assertThat(raw.readTextFrame()).startsWith("40{\"sid\":\"");
      id = nextConnection().id();
    }
    assertThat(awaitReason(id)).isEqualTo(DisconnectReason.TRANSPORT_CLOSE);
    await().atMost(AWAIT).until(() -> server.io.clientsCount() == 0);
  }

  @Test
  void aClientThatStopsAnsweringPingsGetsPingTimeout() throws Exception {
    start(b -> b.engine(EngineOptions.builder()
        .pingInterval(Duration.ofMillis(200)).pingTimeout(Duration.ofMillis(300)).build()));
    RecordingClient healthy = connect("websocket");
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), "", 0)) {
      assertThat(raw.readTextFrame()).startsWith("0{");
      raw.sendText("40");
      assertThat(raw.readTextFrame()).startsWith("40{");
      String id = nextConnection().id();

      assertThat(awaitReason(id)).isEqualTo(DisconnectReason.PING_TIMEOUT);
    }
    assertThat(healthy.socket.connected()).isTrue();
    assertThat(healthy.emitWithAck("echo", "pong ok")).containsExactly("pong ok");
    assertThat(reasons).doesNotContainKey(healthy.id());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"4{", "42[\"connect\"]", "42[]", "42{\"a\":1}", "4-1", "43", "49"})
  void anInvalidPacketClosesThatConnectionOnly(String invalid) throws Exception {
    start();
    RecordingClient bystander = connect("polling");
    RawPollingClient raw = new RawPollingClient(server.port());
    raw.handshake();
    assertThat(raw.post("40").body()).isEqualTo("ok");
    assertThat(raw.poll().body()).startsWith("40{\"sid\":\"");
    String rawId = nextConnection().id();
    assertThat(server.io.clientsCount()).isEqualTo(2);

    raw.post(invalid);

    // a polling session closed by the server hands the close packet to the next GET
    HttpResponse<String> poll = raw.poll();
    assertThat(poll.statusCode() == 400 || "1".equals(poll.body()))
        .as("close packet or 400, got %s %s", poll.statusCode(), poll.body()).isTrue();
    assertThat(awaitReason(rawId)).isEqualTo(DisconnectReason.PARSE_ERROR);
    await().atMost(AWAIT).until(() -> server.io.clientsCount() == 1);
    assertThat(raw.poll().statusCode()).isEqualTo(400);
    assertThat(bystander.emitWithAck("echo", "fine")).containsExactly("fine");
    assertThat(reasons).doesNotContainKey(bystander.id());
  }

  @Test
  void anInvalidPacketOverWebSocketClosesThatConnection() throws Exception {
    start();
    RecordingClient bystander = connect("websocket");
    try (RawWebSocket raw = RawWebSocket.connect(server.port(), "", 0)) {
      assertThat(raw.readTextFrame()).startsWith("0{");
      raw.sendText("40");
      assertThat(raw.readTextFrame()).startsWith("40{");
      String id = nextConnection().id();

      raw.sendText("42[\"connect\"]");

      assertThat(awaitReason(id)).isEqualTo(DisconnectReason.PARSE_ERROR);
    }
    assertThat(bystander.emitWithAck("echo", "fine")).containsExactly("fine");
  }

  @Test
  void disconnectListenersRunOnceInOrder() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.onDisconnecting(reason -> calls.add("disconnecting:" + reason + ":" + socket.connected()));
      socket.onDisconnect(reason -> calls.add("disconnect:" + reason + ":" + socket.connected()));
      connections.add(socket);
    }));
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options()).connectAndAwait();
    clients.add(client);
    Socket socket = nextConnection();

    socket.disconnect(false);
    socket.disconnect(false);
    client.nextDisconnectReason();

    await().atMost(AWAIT).until(() -> calls.size() >= 2);
    assertThat(calls).containsExactly(
        "disconnecting:server namespace disconnect:true", "disconnect:server namespace disconnect:false");
  }
}
