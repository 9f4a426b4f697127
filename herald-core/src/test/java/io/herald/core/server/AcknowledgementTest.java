package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.Ack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Acknowledgements: server to client, client to server, and of broadcasts. */
class AcknowledgementTest {
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

  private void startRecordingConnections() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(connections::add));
  }

  private RecordingClient connect(String... transports) {
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options(transports));
    clients.add(client);
    return client;
  }

  private Socket nextConnection() throws InterruptedException {
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).as("server-side connection").isNotNull();
    return socket;
  }

  private static Throwable failureOf(CompletableFuture<?> future) {
    ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
        () -> future.get(5, SECONDS));
    return e.getCause();
  }

  @Test
  void serverEmitWithAckCompletesWithTheArgumentsOfTheClientsAck() throws Exception {
    startRecordingConnections();
    RecordingClient client = connect();
    client.socket.on("question", args -> {
      Ack ack = (Ack) args[args.length - 1];
      ack.call("answer:" + args[0], 42, new JSONObject(Map.of("ok", true)));
    });
    client.connectAndAwait();
    Socket socket = nextConnection();

    List<JsonNode> answer = socket.emitWithAck("question", "life").get(5, SECONDS);

    assertThat(answer).hasSize(3);
    assertThat(answer.get(0).asText()).isEqualTo("answer:life");
    assertThat(answer.get(1).asInt()).isEqualTo(42);
    assertThat(answer.get(2).get("ok").asBoolean()).isTrue();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling"})
  void serverEmitWithAckGetsBinaryAnswers(String transport) throws Exception {
    startRecordingConnections();
    RecordingClient client = connect(transport);
    client.socket.on("file?", args -> ((Ack) args[args.length - 1]).call("here", new byte[] {5, 6}));
    client.connectAndAwait();
    Socket socket = nextConnection();

    List<JsonNode> answer = socket.timeout(Duration.ofSeconds(5)).emitWithAck("file?").get(5, SECONDS);

    assertThat(answer.get(0).asText()).isEqualTo("here");
    assertThat(answer.get(1).binaryValue()).containsExactly(5, 6);
  }

  @Test
  void serverEmitWithAckWithATimeoutFailsWithAckTimeoutExceptionWhenTheClientNeverAcks() throws Exception {
    startRecordingConnections();
    RecordingClient client = connect();
    client.events("ignored");
    client.connectAndAwait();
    Socket socket = nextConnection();

    long start = System.nanoTime();
    CompletableFuture<List<JsonNode>> answer = socket.timeout(Duration.ofMillis(200)).emitWithAck("ignored", 1);

    Throwable failure = failureOf(answer);
    assertThat(failure).isInstanceOf(AckTimeoutException.class);
    assertThat(((AckTimeoutException) failure).received()).isEmpty();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
    assertThat(client.next("ignored")[0]).isEqualTo(1);
    assertThat(socket.connected()).isTrue();
  }

  @Test
  void serverEmitWithAckWithoutTimeoutFailsWhenTheSocketDisconnects() throws Exception {
    startRecordingConnections();
    RecordingClient client = connect();
    client.events("ignored");
    client.connectAndAwait();
    Socket socket = nextConnection();

    CompletableFuture<List<JsonNode>> answer = socket.emitWithAck("ignored");
    client.next("ignored");
    assertThat(answer).isNotDone();
    client.close();

    assertThat(failureOf(answer)).isNotInstanceOf(AckTimeoutException.class);
  }

  @Test
  void clientEmitWithAckIsAnsweredByAckSend() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(socket -> {
      socket.on("sum", (args, ack) -> ack.send(args.get(0).asInt() + args.get(1).asInt(), Map.of("op", "sum")));
      socket.on("bytes", (args, ack) -> ack.send(args.get(0).asText().getBytes()));
    }));
    RecordingClient client = connect().connectAndAwait();

    Object[] answer = client.emitWithAck("sum", 2, 3);
    assertThat(answer[0]).isEqualTo(5);
    assertThat(((JSONObject) answer[1]).getString("op")).isEqualTo("sum");

    Object[] bytes = client.emitWithAck("bytes", "abc");
    assertThat((byte[]) bytes[0]).containsExactly('a', 'b', 'c');
  }

  @Test
  void ackCanBeSentLaterFromAnotherThread() throws Exception {
    server = TestServer.start(io -> io.of("/").onConnection(socket ->
        socket.on("slow", (args, ack) -> CompletableFuture.runAsync(
            () -> ack.send("done:" + args.get(0).asText()),
            CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS)))));
    RecordingClient client = connect("polling").connectAndAwait();

    assertThat(client.emitWithAck("slow", "job")[0]).isEqualTo("done:job");
  }

  @Test
  void ackRequestedTellsWhetherTheClientAskedForAnAck() throws Exception {
    BlockingQueue<Boolean> requested = new LinkedBlockingQueue<>();
    server = TestServer.start(io -> io.of("/").onConnection(socket ->
        socket.on("e", (args, ack) -> {
          requested.add(ack.requested());
          ack.send("ok");
        })));
    RecordingClient client = connect().connectAndAwait();

    client.socket.emit("e", 1);
    assertThat(requested.poll(5, SECONDS)).isFalse();
    client.emitWithAck("e", 2);
    assertThat(requested.poll(5, SECONDS)).isTrue();
  }

  @Test
  void broadcastEmitWithAckCollectsOneAnswerPerClient() throws Exception {
    startRecordingConnections();
    for (String name : List.of("a", "b", "c")) {
      connect().answer("q", "from-" + name).connectAndAwait();
    }

    List<JsonNode> answers = server.io.of("/").timeout(Duration.ofSeconds(2)).emitWithAck("q").get(5, SECONDS);

    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("from-a", "from-b", "from-c");
  }

  @Test
  void anAckWithoutArgumentsCompletesEmptyForASocketAndAsNullForABroadcast() throws Exception {
    startRecordingConnections();
    RecordingClient client = connect().answer("q").connectAndAwait();
    Socket socket = nextConnection();

    assertThat(socket.timeout(Duration.ofSeconds(2)).emitWithAck("q").get(5, SECONDS)).isEmpty();
    List<JsonNode> answers = server.io.of("/").timeout(Duration.ofSeconds(2)).emitWithAck("q").get(5, SECONDS);
    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).isNull()).isTrue();
    assertThat(client.socket.connected()).isTrue();
  }

  @Test
  void broadcastEmitWithAckFailsWithTheAnswersReceivedWhenOneClientDoesNotAck() throws Exception {
    startRecordingConnections();
    connect().answer("q", "from-a").connectAndAwait();
    connect().answer("q", "from-b").connectAndAwait();
    RecordingClient silent = connect();
    silent.events("q");
    silent.connectAndAwait();

    CompletableFuture<List<JsonNode>> answers = server.io.of("/").timeout(Duration.ofMillis(500)).emitWithAck("q");

    Throwable failure = failureOf(answers);
    assertThat(failure).isInstanceOf(AckTimeoutException.class);
    assertThat(((AckTimeoutException) failure).received()).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("from-a", "from-b");
    assertThat(silent.next("q")).isNotEmpty();
  }

  @Test
  void broadcastEmitWithAckToARoomOnlyWaitsForItsMembers() throws Exception {
    startRecordingConnections();
    RecordingClient member = connect().answer("q", "member").connectAndAwait();
    RecordingClient outsider = connect();
    outsider.events("q");
    outsider.connectAndAwait();
    server.socketOf(member).join("room");

    List<JsonNode> answers =
        server.io.of("/").to("room").timeout(Duration.ofSeconds(2)).emitWithAck("q").get(5, SECONDS);

    assertThat(answers).extracting(JsonNode::asText).containsExactly("member");
    assertThat(outsider.drain("q")).isEmpty();
  }

  @Test
  void broadcastEmitWithAckToNobodyCompletesEmpty() throws Exception {
    startRecordingConnections();
    List<JsonNode> answers =
        server.io.of("/").to("empty").timeout(Duration.ofSeconds(2)).emitWithAck("q").get(1, SECONDS);
    assertThat(answers).isEmpty();
  }

  @Test
  void broadcastEmitWithAckWithoutTimeoutIsRefused() throws Exception {
    startRecordingConnections();
    assertThatThrownBy(() -> server.io.of("/").emitWithAck("q")).isInstanceOf(IllegalStateException.class);
  }
}
