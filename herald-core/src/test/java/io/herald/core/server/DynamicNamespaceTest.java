package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.regex.Pattern;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Namespaces created on demand under a dynamic parent. */
class DynamicNamespaceTest {
  private TestServer server;
  private Namespace parent;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.start(io -> {
      io.of("/").onConnection(connections::add);
      parent = io.dynamicNamespace(NamespaceMatcher.pattern(Pattern.compile("/dyn-\\d+")))
          .use((socket, next) -> {
            if (socket.handshake().auth().path("banned").asBoolean()) {
              next.refuse("banned");
            } else {
              socket.data().put("via", "parent middleware");
              next.proceed();
            }
          })
          .onConnection(socket -> {
            socket.on("whereami", (args, ack) -> ack.send(socket.namespace().name()));
            connections.add(socket);
          });
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    server.close();
  }

  private RecordingClient client(String namespace, Map<String, String> auth, String... transports) {
    IO.Options options = RecordingClient.options(transports);
    options.auth = auth;
    RecordingClient client = RecordingClient.create(server.url(namespace), options);
    client.events("news");
    client.events("marker");
    clients.add(client);
    return client;
  }

  private Socket nextConnection() throws InterruptedException {
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    return socket;
  }

  @Test
  void aMatchingNamespaceIsCreatedOnDemandWithTheParentsHandlers() throws Exception {
    assertThat(server.io.namespaces()).extracting(Namespace::name).doesNotContain("/dyn-1");

    RecordingClient client = client("/dyn-1", null).connectAndAwait();

    Socket socket = nextConnection();
    assertThat(socket.namespace().name()).isEqualTo("/dyn-1");
    assertThat(socket.data()).containsEntry("via", "parent middleware");
    assertThat(client.emitWithAck("whereami")).containsExactly("/dyn-1");
    assertThat(server.io.namespaces()).extracting(Namespace::name).contains("/dyn-1");
    assertThat(server.io.of("/dyn-1").sockets()).containsOnlyKeys(client.id());
    assertThat(parent.sockets()).containsOnlyKeys(client.id());
  }

  @Test
  void aNameThatDoesNotMatchGivesInvalidNamespace() throws Exception {
    JSONObject error = (JSONObject) client("/dyn-x", null).connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("Invalid namespace");
    assertThat(server.io.namespaces()).extracting(Namespace::name).doesNotContain("/dyn-x");
  }

  @Test
  void theParentsMiddlewareAppliesToChildren() throws Exception {
    JSONObject error = (JSONObject) client("/dyn-7", Map.of("banned", "true")).connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("banned");
  }

  @Test
  void broadcastOnTheParentReachesSocketsOfEveryChild() throws Exception {
    RecordingClient one = client("/dyn-1", null).connectAndAwait();
    RecordingClient two = client("/dyn-2", null, "polling").connectAndAwait();
    RecordingClient otherTwo = client("/dyn-2", null).connectAndAwait();
    RecordingClient main = client("/", null).connectAndAwait();
    for (int i = 0; i < 4; i++) {
      nextConnection();
    }

    parent.emit("news", "to every child");

    assertThat(one.next("news")).containsExactly("to every child");
    assertThat(two.next("news")).containsExactly("to every child");
    assertThat(otherTwo.next("news")).containsExactly("to every child");
    server.io.of("/").emit("marker");
    main.next("marker");
    assertThat(main.drain("news")).isEmpty();
    assertThat(parent.sockets()).containsOnlyKeys(one.id(), two.id(), otherTwo.id());
  }

  @Test
  void broadcastOnAChildReachesOnlyThatChild() throws Exception {
    RecordingClient one = client("/dyn-1", null).connectAndAwait();
    RecordingClient two = client("/dyn-2", null).connectAndAwait();
    nextConnection();
    nextConnection();

    server.io.of("/dyn-2").emit("news", "two only");
    assertThat(two.next("news")).containsExactly("two only");

    parent.emit("marker");
    one.next("marker");
    assertThat(one.drain("news")).isEmpty();
  }

  @Test
  void roomsAndAcksWorkAcrossChildrenFromTheParent() throws Exception {
    RecordingClient one = client("/dyn-1", null).answer("q", "one").connectAndAwait();
    RecordingClient two = client("/dyn-2", null).answer("q", "two").connectAndAwait();
    RecordingClient three = client("/dyn-3", null).answer("q", "three").connectAndAwait();
    for (int i = 0; i < 3; i++) {
      Socket socket = nextConnection();
      if (!socket.namespace().name().equals("/dyn-3")) {
        socket.join("vip");
      }
    }

    List<JsonNode> answers = parent.to("vip").timeout(Duration.ofSeconds(2)).emitWithAck("q").get(5, SECONDS);
    assertThat(answers).extracting(JsonNode::asText).containsExactlyInAnyOrder("one", "two");

    List<RemoteSocket> vips = parent.in("vip").fetchSockets().get(5, SECONDS);
    assertThat(vips).extracting(RemoteSocket::id).containsExactlyInAnyOrder(one.id(), two.id());
    assertThat(three.socket.connected()).isTrue();
  }
}
