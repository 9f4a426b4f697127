package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.IO;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** What {@link Socket#handshake()} holds. */
class HandshakeTest {
  private TestServer server;
  private final List<RecordingClient> clients = new ArrayList<>();
  private final BlockingQueue<Socket> connections = new LinkedBlockingQueue<>();

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.start(io -> {
      io.of("/").onConnection(connections::add);
      io.of("/other").onConnection(connections::add);
    });
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.forEach(RecordingClient::close);
    server.close();
  }

  @ParameterizedTest(name = "over {0}")
  @ValueSource(strings = {"websocket", "polling"})
  void handshakeHoldsAuthQueryHeadersAndAddress(String transport) throws Exception {
    Instant before = Instant.now().minusSeconds(1);
    IO.Options options = RecordingClient.options(transport);
    options.auth = Map.of("token", "t0k3n", "user", "ann");
    options.extraHeaders = Map.of("X-Herald-Test", List.of("custom value"));
    RecordingClient client = RecordingClient.create(server.url() + "/?room=lobby&lang=fr", options);
    clients.add(client);
    client.connectAndAwait();

    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    Handshake handshake = socket.handshake();
    assertThat(handshake.auth().get("token").asText()).isEqualTo("t0k3n");
    assertThat(handshake.auth().get("user").asText()).isEqualTo("ann");
    assertThat(handshake.query().get("room")).isEqualTo("lobby");
    assertThat(handshake.query().get("lang")).isEqualTo("fr");
    assertThat(handshake.query().get("EIO")).isEqualTo("4");
    assertThat(handshake.query().get("transport")).isEqualTo(transport);
    assertThat(handshake.headers().get("x-herald-test")).isEqualTo("custom value");
    assertThat(handshake.headers().get("X-Herald-Test")).isEqualTo("custom value");
    assertThat(handshake.address()).isEqualTo("127.0.0.1");
    assertThat(handshake.url()).startsWith("/socket.io/").contains("room=lobby");
    assertThat(handshake.secure()).isFalse();
    assertThat(handshake.issued()).isBetween(before, Instant.now().plusSeconds(1));
    assertThat(socket.transport()).isEqualTo(transport);
  }

  @Test
  void withoutAuthTheHandshakeHasAnEmptyAuthObject() throws Exception {
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options());
    clients.add(client);
    client.connectAndAwait();

    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.handshake().auth()).isNotNull();
    assertThat(socket.handshake().auth().isEmpty()).isTrue();
    assertThat(socket.handshake().xdomain()).isFalse();
  }

  @Test
  void eachNamespaceOfAConnectionHasItsOwnAuth() throws Exception {
    IO.Options mainOptions = RecordingClient.options();
    mainOptions.auth = Map.of("ns", "main");
    IO.Options otherOptions = RecordingClient.options();
    otherOptions.auth = Map.of("ns", "other");

    for (Socket socket : socketsOfOneConnection(mainOptions, otherOptions)) {
      String expected = socket.namespace().name().equals("/") ? "main" : "other";
      assertThat(socket.handshake().auth().get("ns").asText()).isEqualTo(expected);
    }
  }

  @Test
  void upgradedClientReportsWebsocketTransport() throws Exception {
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options("polling", "websocket"));
    clients.add(client);
    client.connectAndAwait();
    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "websocket".equals(socket.transport()));
    assertThat(socket.handshake().query().get("transport")).isEqualTo("polling");
  }

  @Test
  void theHandshakeAndItsAuthStayTheSameObjectsForTheLifeOfTheSocket() throws Exception {
    RecordingClient client = RecordingClient.create(server.url(), RecordingClient.options());
    clients.add(client);
    client.connectAndAwait();

    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    Handshake handshake = socket.handshake();
    handshake.auth().put("seen", true);
    assertThat(socket.handshake()).isSameAs(handshake);
    assertThat(socket.handshake().auth().get("seen").asBoolean()).isTrue();
  }

  @Test
  void theSocketsOfOneConnectionShareItsHeadersButNotTheirAuth() throws Exception {
    IO.Options options = RecordingClient.options();
    options.extraHeaders = Map.of("X-Herald-Test", List.of("shared"));
    List<Socket> sockets = socketsOfOneConnection(options, options);
    Socket first = sockets.get(0);
    Socket second = sockets.get(1);
    assertThat(first.handshake().headers().get("x-herald-test")).isEqualTo("shared");
    assertThat(second.handshake().headers()).isSameAs(first.handshake().headers());
    assertThat(second.handshake().auth()).isNotSameAs(first.handshake().auth());
  }
  /** Connects "/" and "/other" over one Engine.IO connection and returns the two server-side sockets. */
  private List<Socket> socketsOfOneConnection(IO.Options main, IO.Options other) throws Exception {
    io.socket.client.Manager manager = new io.socket.client.Manager(java.net.URI.create(server.url()), main);
    RecordingClient mainClient = RecordingClient.create(manager, "/", main);
    RecordingClient otherClient = RecordingClient.create(manager, "/other", other);
    clients.add(mainClient);
    clients.add(otherClient);
    mainClient.connectAndAwait();
    otherClient.connectAndAwait();
    Socket first = connections.poll(5, SECONDS);
    Socket second = connections.poll(5, SECONDS);
    assertThat(first).isNotNull();
    assertThat(second).isNotNull();
    return List.of(first, second);
  }
}
