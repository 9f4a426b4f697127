package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.IO;
import io.socket.client.Manager;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Static namespaces: separation, unknown namespaces, several namespaces on one connection. */
class NamespaceTest {
  private TestServer server;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> mainConnections = new LinkedBlockingQueue<>();
  private final BlockingQueue<Socket> chatConnections = new LinkedBlockingQueue<>();

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    if (server != null) {
      server.close();
    }
  }

  private void start() throws Exception {
    server = TestServer.start(io -> {
      io.of("/").onConnection(mainConnections::add);
      io.of("/chat").onConnection(socket -> {
        socket.on("whoami", (args, ack) -> ack.send(socket.namespace().name()));
        chatConnections.add(socket);
      });
    });
  }

  private RecordingClient client(String namespace, String... transports) {
    RecordingClient client = RecordingClient.create(server.url(namespace), RecordingClient.options(transports));
    client.events("news");
    client.events("marker");
    clients.add(client);
    return client;
  }

  @Test
  void aSocketConnectsToTheNamespaceOfItsUrl() throws Exception {
    start();
    RecordingClient chat = client("/chat").connectAndAwait();

    Socket socket = chatConnections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.id()).isEqualTo(chat.id());
    assertThat(socket.namespace().name()).isEqualTo("/chat");
    assertThat(server.io.of("/chat").sockets()).containsOnlyKeys(chat.id());
    assertThat(server.io.of("/").sockets()).isEmpty();
    assertThat(chat.emitWithAck("whoami")).containsExactly("/chat");
    assertThat(server.io.namespaces()).extracting(Namespace::name).contains("/", "/chat");
  }

  @Test
  void ofNormalizesTheNameAndReturnsTheSameNamespace() throws Exception {
    start();
    assertThat(server.io.of("chat")).isSameAs(server.io.of("/chat"));
    assertThat(server.io.of("chat").name()).isEqualTo("/chat");
  }

  @Test
  void broadcastInOneNamespaceDoesNotReachAnother() throws Exception {
    start();
    RecordingClient main = client("/").connectAndAwait();
    RecordingClient chat = client("/chat", "polling").connectAndAwait();
    Socket mainSocket = mainConnections.poll(5, SECONDS);
    Socket chatSocket = chatConnections.poll(5, SECONDS);
    mainSocket.join("room");
    chatSocket.join("room");

    server.io.of("/chat").emit("news", "chat only");
    server.io.of("/chat").to("room").emit("news", "chat room only");
    assertThat(chat.next("news")).containsExactly("chat only");
    assertThat(chat.next("news")).containsExactly("chat room only");

    server.io.of("/").emit("marker");
    main.next("marker");
    assertThat(main.drain("news")).isEmpty();
  }

  @Test
  void connectingToAnUnknownNamespaceGivesInvalidNamespace() throws Exception {
    start();
    RecordingClient unknown = client("/nope");

    Object error = unknown.connectAndAwaitError();

    assertThat(error).isInstanceOf(JSONObject.class);
    assertThat(((JSONObject) error).getString("message")).isEqualTo("Invalid namespace");
    assertThat(server.io.namespaces()).extracting(Namespace::name).doesNotContain("/nope");
  }

  @Test
  void anUnknownNamespaceDoesNotBreakTheOtherNamespacesOfTheConnection() throws Exception {
    start();
    IO.Options options = RecordingClient.options();
    Manager manager = new Manager(URI.create(server.url()), options);
    RecordingClient chat = RecordingClient.create(manager, "/chat", options);
    RecordingClient unknown = RecordingClient.create(manager, "/nope", options);
    clients.add(chat);
    clients.add(unknown);

    chat.connectAndAwait();
    JSONObject error = (JSONObject) unknown.connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("Invalid namespace");
    assertThat(chat.emitWithAck("whoami")).containsExactly("/chat");
    assertThat(server.io.clientsCount()).isEqualTo(1);
  }

  @Test
  void twoNamespacesShareOneConnectionWithAManager() throws Exception {
    start();
    IO.Options options = RecordingClient.options("polling", "websocket");
    Manager manager = new Manager(URI.create(server.url()), options);
    RecordingClient main = RecordingClient.create(manager, "/", options);
    RecordingClient chat = RecordingClient.create(manager, "/chat", options);
    clients.add(main);
    clients.add(chat);
    main.events("news");
    chat.events("news");

    main.connectAndAwait();
    chat.connectAndAwait();

    Socket mainSocket = mainConnections.poll(5, SECONDS);
    Socket chatSocket = chatConnections.poll(5, SECONDS);
    assertThat(server.io.clientsCount()).isEqualTo(1);
    assertThat(mainSocket.id()).isNotEqualTo(chatSocket.id());
    assertThat(mainSocket.handshake().headers()).isNotNull();

    mainSocket.emit("news", "main");
    chatSocket.emit("news", "chat");
    assertThat(main.next("news")).containsExactly("main");
    assertThat(chat.next("news")).containsExactly("chat");
  }
}
