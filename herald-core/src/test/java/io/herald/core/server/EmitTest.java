package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Events in both directions, with JSON and binary arguments, and the onAny / onAnyOutgoing listeners. */
class EmitTest {
  private TestServer server;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    if (server != null) {
      server.close();
    }
  }

  private RecordingClient connect(String transports) {
    IO.Options options = RecordingClient.options(transports.split(","));
    RecordingClient client = RecordingClient.create(server.url(), options);
    clients.add(client);
    return client.connectAndAwait();
  }

  private Socket nextConnection() throws InterruptedException {
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).as("server-side connection").isNotNull();
    return socket;
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void clientEventReachesServerListenerWithJsonAndBinaryArguments(String transports) throws Exception {
    CompletableFuture<List<JsonNode>> received = new CompletableFuture<>();
    server = TestServer.start(io -> io.of("/").onConnection(socket ->
        socket.on("hello", (args, ack) -> received.complete(args))));
    RecordingClient client = connect(transports);

    byte[] bytes = {1, 2, 3, (byte) 0xff};
    client.socket.emit("hello", new JSONObject(Map.of("name", "ann")), 42, "text", bytes,
        new JSONArray(List.of(1, 2)));

    List<JsonNode> args = received.get(5, SECONDS);
    assertThat(args).hasSize(5);
    assertThat(args.get(0).get("name").asText()).isEqualTo("ann");
    assertThat(args.get(1).asInt()).isEqualTo(42);
    assertThat(args.get(2).asText()).isEqualTo("text");
    assertThat(args.get(3).isBinary()).isTrue();
    assertThat(args.get(3).binaryValue()).containsExactly(bytes);
    assertThat(args.get(4).isArray()).isTrue();
    assertThat(args.get(4).get(1).asInt()).isEqualTo(2);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling", "polling,websocket"})
  void serverEmitReachesClientWithJsonAndBinaryArguments(String transports) throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(connections::add));
    RecordingClient client = connect(transports);
    client.events("welcome");
    Socket socket = nextConnection();

    byte[] bytes = {9, 8, 7};
    socket.emit("welcome", Map.of("n", 1), List.of("a", "b"), bytes, "s", 7, true);

    Object[] args = client.next("welcome");
    assertThat(args).hasSize(6);
    assertThat(((JSONObject) args[0]).getInt("n")).isEqualTo(1);
    assertThat(((JSONArray) args[1]).getString(1)).isEqualTo("b");
    assertThat((byte[]) args[2]).containsExactly(bytes);
    assertThat(args[3]).isEqualTo("s");
    assertThat(args[4]).isEqualTo(7);
    assertThat(args[5]).isEqualTo(true);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling"})
  void unicodeAndControlCharactersSurviveBothWays(String transport) throws Exception {
    String text = "h\u00e9llo \uD83C\uDF0D \u001e sep \u0000 nul \n \"quoted\"";
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.on("echo", (args, ack) -> socket.emit("echoed", args.get(0).asText(), Map.of("k", args.get(0).asText())));
      connections.add(socket);
    }));
    RecordingClient client = connect(transport);
    client.events("echoed");

    client.socket.emit("echo", text);

    Object[] args = client.next("echoed");
    assertThat(args[0]).isEqualTo(text);
    assertThat(((JSONObject) args[1]).getString("k")).isEqualTo(text);
  }

  @Test
  void binaryNestedInAnObjectReachesTheClient() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(connections::add));
    RecordingClient client = connect("websocket");
    client.events("file");
    Socket socket = nextConnection();

    byte[] first = {1, 2};
    byte[] second = {3, 4, 5};
    socket.emit("file", Map.of("name", "a.bin", "content", first), List.of(second));

    Object[] args = client.next("file");
    JSONObject file = (JSONObject) args[0];
    assertThat(file.getString("name")).isEqualTo("a.bin");
    assertThat((byte[]) file.get("content")).containsExactly(first);
    assertThat((byte[]) ((JSONArray) args[1]).get(0)).containsExactly(second);
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling"})
  void anEventEmittedInTheConnectionHandlerReachesTheClient(String transport) throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> socket.emit("welcome", socket.id())));
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options(transport));
    clients.add(client);
    client.events("welcome");
    client.connectAndAwait();

    assertThat(client.next("welcome")).containsExactly(client.id());
  }

  @Test
  void eventsFromOneClientArriveInOrder() throws Exception {
    List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> all = new CompletableFuture<>();
    server = TestServer.start(io -> io.of("/").onConnection(socket -> socket.on("n", (args, ack) -> {
      seen.add(args.get(0).asInt());
      if (seen.size() == 200) {
        all.complete(null);
      }
    })));
    RecordingClient client = connect("polling");
    for (int i = 0; i < 200; i++) {
      client.socket.emit("n", i);
    }
    all.get(10, SECONDS);
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add(i);
    }
    assertThat(seen).containsExactlyElementsOf(expected);
  }

  @Test
  void emittingAReservedEventNameIsRefused() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(connections::add));
    connect("websocket");
    Socket socket = nextConnection();
    assertThatThrownBy(() -> socket.emit("connect")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> socket.emit("disconnect", 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> server.io.of("/").emit("connect_error")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onAnySeesIncomingEventsBeforeTheirListeners() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<Void> done = new CompletableFuture<>();
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.onAny((event, args) -> calls.add("any:" + event + ":" + args));
      socket.on("first", (args, ack) -> calls.add("first"));
      socket.on("last", (args, ack) -> done.complete(null));
    }));
    RecordingClient client = connect("websocket");

    client.socket.emit("first", 1, "x");
    client.socket.emit("unheard", true);
    client.socket.emit("last");
    done.get(5, SECONDS);

    assertThat(calls).containsExactly("any:first:[1, \"x\"]", "first", "any:unheard:[true]", "any:last:[]");
  }

  @Test
  void onAnyOutgoingSeesSocketEmitsAndBroadcasts() throws Exception {
    BlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.onAnyOutgoing((event, args) -> outgoing.add(event + ":" + args));
      connections.add(socket);
    }));
    RecordingClient client = connect("websocket");
    client.events("direct");
    client.events("everyone");
    client.events("room");
    Socket socket = nextConnection();
    socket.join("r");

    socket.emit("direct", 1);
    assertThat(client.next("direct")).containsExactly(1);
    server.io.of("/").emit("everyone", "all");
    assertThat(client.next("everyone")).containsExactly("all");
    server.io.of("/").to("r").emit("room", 3);
    assertThat(client.next("room")).containsExactly(3);

    assertThat(outgoing.poll(5, SECONDS)).isEqualTo("direct:[1]");
    assertThat(outgoing.poll(5, SECONDS)).isEqualTo("everyone:[all]");
    assertThat(outgoing.poll(5, SECONDS)).isEqualTo("room:[3]");
  }
}
