package io.herald.server.interop;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A socket.io-client 4.8 client (src/test/node/cluster/client.js) connected to one node of the mixed cluster. It
 * reports every event it receives as {@code "on:<event>"} and acknowledges each one that asks for it with
 * {@code {from: <name>, event: <event>}}.
 */
final class MixedClient implements AutoCloseable {

  private final MixedProcess process;
  private final String name;
  private final String id;

  private MixedClient(MixedProcess process, String name) {
    this.process = process;
    this.name = name;
    this.id = process.awaitEvent("connected").getString("id");
  }

  /** Connects to {@code url} (namespace included) over WebSocket, asking to join {@code rooms}. */
  static MixedClient connect(String url, String name, String... rooms) {
    return new MixedClient(
        MixedProcess.node("cluster/client.js", url, name, String.join(",", rooms), "websocket"), name);
  }

  String id() {
    return id;
  }

  String name() {
    return name;
  }

  /** The arguments of the first {@code event} received. */
  JsonArray awaitArgs(String event) {
    return process.awaitEvent("on:" + event).getJsonArray("args");
  }

  JsonObject awaitEvent(String event) {
    return process.awaitEvent("on:" + event);
  }

  /** The {@code event}s received so far (does not wait). */
  List<JsonObject> received(String event) {
    return process.events("on:" + event);
  }

  /** Waits until the server disconnected this client; returns the reason. */
  String awaitDisconnected() {
    return process.awaitEvent("disconnected").getString("reason");
  }

  /** Whether the server disconnected this client so far (does not wait). */
  boolean disconnected() {
    return !process.events("disconnected").isEmpty();
  }

  String transcript() {
    return process.transcript();
  }

  @Override
  public void close() {
    process.close();
  }
}
