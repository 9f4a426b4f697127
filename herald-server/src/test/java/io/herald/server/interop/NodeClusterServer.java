package io.herald.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Node.js socket.io 4.8 server with {@code @socket.io/redis-adapter} (src/test/node/cluster/node-server.js),
 * driven through its stdin. Namespaces {@code /} and {@code /custom}; sockets join the rooms of their handshake
 * query {@code room} and get {@code data = {origin: "node", name, port}}.
 */
final class NodeClusterServer implements AutoCloseable {

  private final MixedProcess process;
  private final AtomicInteger ids = new AtomicInteger();
  private final int port;

  private NodeClusterServer(MixedProcess process) {
    this.process = process;
    this.port = process.awaitEvent("listening").getInteger("port");
  }

  /** Starts the server on an ephemeral port, clustered through Redis at {@code redisUrl} with the default key. */
  static NodeClusterServer start(String redisUrl) {
    return start(redisUrl, "socket.io", false);
  }

  /**
   * Starts the server on an ephemeral port, clustered through Redis at {@code redisUrl} with channel prefix
   * {@code key}; with {@code specificResponseChannel}, the adapter's {@code publishOnSpecificResponseChannel}.
   */
  static NodeClusterServer start(String redisUrl, String key, boolean specificResponseChannel) {
    return new NodeClusterServer(MixedProcess.node("cluster/node-server.js", "0", redisUrl, key,
        specificResponseChannel ? "specific" : "shared"));
  }

  int port() {
    return port;
  }

  String url(String namespace) {
    return "http://127.0.0.1:" + port + ("/".equals(namespace) ? "" : namespace);
  }

  /** Runs one command and returns its result; fails unless it reports {@code ok}. */
  JsonObject call(JsonObject command) {
    int id = ids.incrementAndGet();
    process.send(command.copy().put("id", id));
    JsonObject result = process.awaitEvent("result:" + id);
    assertThat(result.getBoolean("ok")).as("node-server %s%n%s", command.encode(), process.transcript()).isTrue();
    return result;
  }

  static JsonObject command(String cmd) {
    return new JsonObject().put("cmd", cmd);
  }

  void broadcast(JsonObject selection, String event, JsonArray args) {
    call(selection.copy().put("cmd", "broadcast").put("event", event).put("args", args));
  }

  /** The sockets node-server's {@code fetchSockets()} returns ({@code {id, rooms, data, query, local}}). */
  List<JsonObject> fetchSockets(JsonObject selection) {
    JsonArray sockets = call(selection.copy().put("cmd", "fetchSockets")).getJsonArray("sockets");
    return sockets.stream().map(JsonObject.class::cast).toList();
  }

  /** The server-side event named {@code name} that node-server received, waiting for it. */
  JsonObject awaitServerSideEvent(String name) {
    return process.awaitEvent("server-side", event -> name.equals(event.getString("name")));
  }

  /** Waits until node-server reports the disconnection of the socket named {@code name}. */
  JsonObject awaitDisconnect(String name) {
    return process.awaitEvent("disconnect", event -> name.equals(event.getString("name")));
  }

  JsonObject awaitConnection(Predicate<JsonObject> condition) {
    return process.awaitEvent("connection", condition);
  }

  String transcript() {
    return process.transcript();
  }

  @Override
  public void close() {
    process.close();
  }
}
