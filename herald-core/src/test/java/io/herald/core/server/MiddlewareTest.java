package io.herald.core.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.IO;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Namespace middleware: order, data, refusal, asynchronous answers. */
class MiddlewareTest {
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

  private RecordingClient client(String namespace, Map<String, String> auth, String... transports) {
    IO.Options options = RecordingClient.options(transports);
    options.auth = auth;
    RecordingClient client = RecordingClient.create(server.url(namespace), options);
    clients.add(client);
    return client;
  }

  @Test
  void middlewaresRunInTheOrderAddedBeforeTheConnectionHandler() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    server = TestServer.start(io -> io.of("/")
        .use((socket, next) -> {
          calls.add("first");
          next.proceed();
        })
        .use((socket, next) -> {
          calls.add("second");
          next.proceed();
        })
        .use((socket, next) -> {
          calls.add("third:" + socket.connected());
          next.proceed();
        })
        .onConnection(socket -> {
          calls.add("connection:" + socket.connected());
          connections.add(socket);
        }));

    client("/", null).connectAndAwait();

    assertThat(connections.poll(5, SECONDS)).isNotNull();
    assertThat(calls).containsExactly("first", "second", "third:false", "connection:true");
  }

  @Test
  void dataSetByAMiddlewareIsSeenInTheConnectionHandler() throws Exception {
    server = TestServer.start(io -> io.of("/")
        .use((socket, next) -> {
          socket.data().put("user", socket.handshake().auth().path("token").asText().toUpperCase());
          next.proceed();
        })
        .onConnection(socket -> {
          socket.data().put("seen", socket.data().get("user"));
          connections.add(socket);
        }));

    RecordingClient client = client("/", Map.of("token", "abc")).connectAndAwait();

    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.id()).isEqualTo(client.id());
    assertThat(socket.data()).containsEntry("user", "ABC").containsEntry("seen", "ABC");
  }

  @Test
  void aRefusingMiddlewareReachesTheClientsConnectErrorWithMessageAndData() throws Exception {
    List<String> calls = Collections.synchronizedList(new ArrayList<>());
    server = TestServer.start(io -> io.of("/")
        .use((socket, next) -> {
          if (!"secret".equals(socket.handshake().auth().path("token").asText())) {
            next.refuse("not authorized", Map.of("code", 401, "hint", "send a token"));
          } else {
            next.proceed();
          }
        })
        .use((socket, next) -> {
          calls.add("second middleware");
          next.proceed();
        })
        .onConnection(socket -> {
          calls.add("connection");
          connections.add(socket);
        }));

    RecordingClient refused = client("/", Map.of("token", "wrong"));
    Object error = refused.connectAndAwaitError();

    assertThat(error).isInstanceOf(JSONObject.class);
    JSONObject json = (JSONObject) error;
    assertThat(json.getString("message")).isEqualTo("not authorized");
    assertThat(json.getJSONObject("data").getInt("code")).isEqualTo(401);
    assertThat(json.getJSONObject("data").getString("hint")).isEqualTo("send a token");
    assertThat(refused.socket.connected()).isFalse();

    client("/", Map.of("token", "secret")).connectAndAwait();
    assertThat(connections.poll(5, SECONDS)).isNotNull();
    assertThat(calls).containsExactly("second middleware", "connection");
    assertThat(server.io.of("/").sockets()).hasSize(1);
  }

  @Test
  void aRefusalWithoutDataGivesAConnectErrorWithOnlyTheMessage() throws Exception {
    server = TestServer.start(io -> io.of("/").use((socket, next) -> next.refuse("go away")));

    JSONObject error = (JSONObject) client("/", null, "polling").connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("go away");
    assertThat(error.has("data")).isFalse();
  }

  @Test
  void aMiddlewareThatThrowsRefusesTheSocket() throws Exception {
    server = TestServer.start(io -> io.of("/").use((socket, next) -> {
      throw new IllegalStateException("boom");
    }));

    JSONObject error = (JSONObject) client("/", null).connectAndAwaitError();

    assertThat(error.getString("message")).isNotBlank();
    assertThat(server.io.of("/").sockets()).isEmpty();
  }

  @Test
  void aMiddlewareMayProceedLaterFromAVertxTimer() throws Exception {
    server = TestServer.start(b -> b, (vertx, io) -> io.of("/")
        .use((socket, next) -> vertx.setTimer(100, t -> {
          socket.data().put("checked", true);
          next.proceed();
        }))
        .onConnection(connections::add));

    client("/", null).connectAndAwait();

    Socket socket = connections.poll(5, SECONDS);
    assertThat(socket).isNotNull();
    assertThat(socket.data()).containsEntry("checked", true);
  }

  @Test
  void aMiddlewareMayAnswerLaterFromAnotherThread() throws Exception {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    server = TestServer.start(io -> io.of("/")
        .use((socket, next) -> CompletableFuture.runAsync(() -> {
          if (socket.handshake().auth().path("ok").asBoolean()) {
            next.proceed();
          } else {
            next.refuse("async no", List.of(1, 2));
          }
        }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS)))
        .use((socket, next) -> {
          threads.add(Thread.currentThread().getName());
          next.proceed();
        })
        .onConnection(socket -> {
          threads.add(Thread.currentThread().getName());
          socket.on("echo", (args, ack) -> ack.send(args.get(0)));
          connections.add(socket);
        }));

    RecordingClient accepted = client("/", Map.of("ok", "true"), "polling").connectAndAwait();
    assertThat(connections.poll(5, SECONDS)).isNotNull();
    assertThat(accepted.emitWithAck("echo", "hi")).containsExactly("hi");
    assertThat(threads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("vert.x-eventloop"));

    JSONObject error = (JSONObject) client("/", Map.of("ok", "false")).connectAndAwaitError();
    assertThat(error.getString("message")).isEqualTo("async no");
    assertThat(error.getJSONArray("data").getInt(1)).isEqualTo(2);
  }

  @Test
  void onlyTheFirstAnswerOfAMiddlewareCounts() throws Exception {
    server = TestServer.start(io -> io.of("/")
        .use((socket, next) -> {
          next.refuse("first answer");
          next.proceed();
        })
        .onConnection(connections::add));

    JSONObject error = (JSONObject) client("/", null).connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("first answer");
    assertThat(server.io.of("/").sockets()).isEmpty();
  }

  @Test
  void aSocketWhoseConnectionClosesWhileAMiddlewareIsPendingIsNeverConnected() throws Exception {
    CompletableFuture<Void> middlewareStarted = new CompletableFuture<>();
    CompletableFuture<Void> proceeded = new CompletableFuture<>();
    List<String> connected = Collections.synchronizedList(new ArrayList<>());
    server = TestServer.start(b -> b, (vertx, io) -> io.of("/")
        .use((socket, next) -> {
          middlewareStarted.complete(null);
          vertx.setTimer(500, t -> {
            next.proceed();
            proceeded.complete(null);
          });
        })
        .onConnection(socket -> connected.add(socket.id())));
    RecordingClient client = client("/", null);
    client.socket.connect();
    middlewareStarted.get(5, SECONDS);

    client.close();
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
        .until(() -> server.io.clientsCount() == 0);
    proceeded.get(5, SECONDS);

    assertThat(connected).isEmpty();
    assertThat(server.io.of("/").sockets()).isEmpty();
    assertThat(server.io.of("/").fetchSockets().get(5, SECONDS)).isEmpty();
  }

  @Test
  void aRefusedNamespaceLeavesTheOtherNamespacesOfTheConnectionWorking() throws Exception {
    server = TestServer.start(io -> {
      io.of("/").onConnection(socket -> socket.on("echo", (args, ack) -> ack.send(args.get(0))));
      io.of("/admin").use((socket, next) -> next.refuse("admins only"));
    });
    IO.Options options = RecordingClient.options();
    io.socket.client.Manager manager = new io.socket.client.Manager(java.net.URI.create(server.url()), options);
    RecordingClient main = RecordingClient.create(manager, "/", options);
    RecordingClient admin = RecordingClient.create(manager, "/admin", options);
    clients.add(main);
    clients.add(admin);

    main.connectAndAwait();
    JSONObject error = (JSONObject) admin.connectAndAwaitError();

    assertThat(error.getString("message")).isEqualTo("admins only");
    assertThat(main.emitWithAck("echo", "still connected")).containsExactly("still connected");
    assertThat(server.io.clientsCount()).isEqualTo(1);
    assertThat(server.io.of("/admin").sockets()).isEmpty();
  }

  @Test
  void middlewareOfOneNamespaceDoesNotApplyToAnother() throws Exception {
    server = TestServer.start(io -> {
      io.of("/").onConnection(connections::add);
      io.of("/admin").use((socket, next) -> next.refuse("admins only"));
    });

    RecordingClient main = client("/", null).connectAndAwait();
    assertThat(connections.poll(5, SECONDS)).isNotNull();
    assertThat(main.socket.connected()).isTrue();

    JSONObject error = (JSONObject) client("/admin", null).connectAndAwaitError();
    assertThat(error.getString("message")).isEqualTo("admins only");
  }
}
