package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The socket.io-client-java 2.x library (in-process) against a real Gateway, over WebSocket and over polling. */
@Timeout(60)
class JavaSocketIoClientInteropTest {

  private static final long TIMEOUT_SECONDS = 10;
  private static TestGateway gateway;

  private final List<Socket> sockets = new ArrayList<>();
  private final List<String> transports = new CopyOnWriteArrayList<>();
  /** Client-side lifecycle events (disconnects, errors), for failure messages. */
  private final List<String> clientLog = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startGateway() throws Exception {
    gateway = TestGateway.start();
  }

  @AfterAll
  static void stopGateway() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
  }

  @AfterEach
  void closeSockets() {
    sockets.forEach(Socket::close);
  }

  private static IO.Options options(String transport, Map<String, String> auth) {
    IO.Options options = new IO.Options();
    options.transports = new String[] {transport};
    options.upgrade = false;
    options.reconnection = false;
    options.forceNew = true;
    options.timeout = 5_000;
    options.auth = auth;
    return options;
  }

  /** Creates (does not connect) a socket on {@code nsp} of {@code manager}, remembering it for clean-up. */
  private Socket socket(Manager manager, String nsp, IO.Options options) {
    Socket socket = manager.socket(nsp, options);
    socket.on(Socket.EVENT_DISCONNECT, args -> clientLog.add(nsp + " disconnect " + List.of(args)));
    sockets.add(socket);
    return socket;
  }

  /** A fresh Manager whose Engine.IO transport names are recorded in {@link #transports}. */
  private Manager manager(IO.Options options) {
    Manager manager = new Manager(URI.create(gateway.url()), options);
    manager.on(Manager.EVENT_TRANSPORT, args -> transports.add(((Transport) args[0]).name));
    manager.on(Manager.EVENT_ERROR, args -> clientLog.add("manager error " + List.of(args)));
    manager.on(Manager.EVENT_CLOSE, args -> clientLog.add("manager close " + List.of(args)));
    return manager;
  }

  /** Completes with the arguments of the first {@code event} on {@code socket}. */
  private static CompletableFuture<Object[]> next(Socket socket, String event) {
    CompletableFuture<Object[]> future = new CompletableFuture<>();
    socket.once(event, future::complete);
    return future;
  }

  private Object[] get(CompletableFuture<Object[]> future, String what) throws Exception {
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no " + what + " within " + TIMEOUT_SECONDS + " s; client events: " + clientLog, e);
    }
  }

  /** Connects {@code socket}, failing with the server's connect_error if there is one. */
  private void connect(Socket socket) throws Exception {
    CompletableFuture<Object[]> connected = new CompletableFuture<>();
    socket.once(Socket.EVENT_CONNECT, connected::complete);
    socket.once(Socket.EVENT_CONNECT_ERROR,
        args -> connected.completeExceptionally(new AssertionError("connect_error: " + List.of(args))));
    socket.connect();
    get(connected, "connect");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void javaClientReceivesItsHandshakeAuth(String transport) throws Exception {
    IO.Options options = options(transport, Map.of("token", "java-abc", "n", "3"));
    Socket socket = socket(manager(options), "/", options);
    CompletableFuture<Object[]> auth = next(socket, "auth");
    connect(socket);

    Object[] args = get(auth, "auth event");
    assertThat(args).hasSize(1);
    assertThat(args[0]).isInstanceOf(JSONObject.class);
    assertThat(new JsonObject(args[0].toString()))
        .isEqualTo(new JsonObject().put("token", "java-abc").put("n", "3"));
    assertThat(transports).containsExactly(transport);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void javaClientGetsJsonObjectAndByteArrayEchoedBack(String transport) throws Exception {
    IO.Options options = options(transport, null);
    Socket socket = socket(manager(options), "/", options);
    connect(socket);

    byte[] bytes = {0, 1, 2, 127, (byte) 128, (byte) 254, (byte) 255};
    byte[] deepBytes = "binary at depth 2".getBytes(StandardCharsets.UTF_8);
    JSONObject json = new JSONObject().put("name", "héllo ✓").put("n", 42)
        .put("nested", new JSONObject().put("flag", true).put("x", 3.25));
    JSONObject withBinary = new JSONObject().put("level1", new JSONObject().put("level2", deepBytes));
    CompletableFuture<Object[]> back = next(socket, "message-back");
    socket.emit("message", "text", 7, json, bytes, withBinary);

    Object[] args = get(back, "message-back");
    assertThat(args).hasSize(5);
    assertThat(args[0]).isEqualTo("text");
    assertThat(args[1]).isEqualTo(7);
    assertThat(args[2]).isInstanceOf(JSONObject.class);
    assertThat(new JsonObject(args[2].toString())).isEqualTo(new JsonObject(json.toString()));
    assertThat(args[3]).isInstanceOf(byte[].class).isEqualTo(bytes);
    assertThat(args[4]).isInstanceOf(JSONObject.class);
    assertThat(((JSONObject) args[4]).getJSONObject("level1").get("level2"))
        .isInstanceOf(byte[].class)
        .isEqualTo(deepBytes);
    assertThat(transports).containsExactly(transport);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void javaClientReceivesAcknowledgementWithTheSameArguments(String transport) throws Exception {
    IO.Options options = options(transport, null);
    Socket socket = socket(manager(options), "/", options);
    connect(socket);

    byte[] bytes = {1, 2, 3};
    CompletableFuture<Object[]> ack = new CompletableFuture<>();
    socket.emit("message-with-ack", new Object[] {"first", 2, new JSONObject().put("bin", bytes)},
        (Ack) ack::complete);

    Object[] args = get(ack, "acknowledgement");
    assertThat(args).hasSize(3);
    assertThat(args[0]).isEqualTo("first");
    assertThat(args[1]).isEqualTo(2);
    assertThat(args[2]).isInstanceOf(JSONObject.class);
    assertThat(((JSONObject) args[2]).get("bin")).isInstanceOf(byte[].class).isEqualTo(bytes);
    assertThat(transports).containsExactly(transport);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"websocket", "polling"})
  void javaClientMultiplexesNamespacesOverOneManager(String transport) throws Exception {
    IO.Options options = options(transport, Map.of("ns", "root"));
    Manager manager = manager(options);
    Socket root = socket(manager, "/", options);
    Socket custom = socket(manager, "/custom", options(transport, Map.of("ns", "custom")));
    Socket nope = socket(manager, "/nope", options);
    Socket refused = socket(manager, "/refused", options);
    CompletableFuture<Object[]> rootAuth = next(root, "auth");
    CompletableFuture<Object[]> customAuth = next(custom, "auth");
    CompletableFuture<Object[]> nopeError = next(nope, Socket.EVENT_CONNECT_ERROR);
    CompletableFuture<Object[]> refusedError = next(refused, Socket.EVENT_CONNECT_ERROR);
    connect(root);
    connect(custom);
    nope.connect();
    refused.connect();

    assertThat(new JsonObject(get(rootAuth, "auth on /")[0].toString()))
        .isEqualTo(new JsonObject().put("ns", "root"));
    assertThat(new JsonObject(get(customAuth, "auth on /custom")[0].toString()))
        .isEqualTo(new JsonObject().put("ns", "custom"));
    assertThat(new JsonObject(get(nopeError, "connect_error on /nope")[0].toString()).getString("message"))
        .isEqualTo("Invalid namespace");
    JsonObject refusal = new JsonObject(get(refusedError, "connect_error on /refused")[0].toString());
    assertThat(refusal.getString("message")).isEqualTo("refused by middleware");
    assertThat(refusal.getJsonObject("data")).isEqualTo(new JsonObject().put("code", "REFUSED").put("reason", "test"));
    assertThat(transports).as("a single Engine.IO connection").containsExactly(transport);
  }
}
