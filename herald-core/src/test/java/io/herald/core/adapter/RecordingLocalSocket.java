package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.server.Handshake;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A local socket that records what an adapter delivers to it and answers acks with a set value. */
public final class RecordingLocalSocket implements AdapterHost.LocalSocket {
  /** One delivered packet: its event name and arguments, and how it was delivered. */
  public record Delivery(String event, List<JsonNode> args, boolean volatileDelivery, boolean withAck) {}

  private final String id;
  private final Context context;
  private final RecordingHost host;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final Map<String, Object> data = new ConcurrentHashMap<>();
  private final Handshake handshake;
  private volatile JsonNode ackAnswer;
  private volatile Boolean disconnected;

  RecordingLocalSocket(String id, Context context, RecordingHost host) {
    this.id = id;
    this.context = context;
    this.host = host;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", "localhost").add("Accept", "a").add("Accept", "b");
    MultiMap query = MultiMap.caseInsensitiveMultiMap().add("EIO", "4").add("transport", "websocket");
    this.handshake = new Handshake(headers, query, JsonNodeFactory.instance.objectNode().put("token", "t-" + id),
        "127.0.0.1", Instant.ofEpochMilli(1_700_000_000_123L), "/socket.io/?EIO=4&transport=websocket", false,
        false);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Context context() {
    return context;
  }

  /** Answer each packet that expects an ack with {@code value}; {@code null} answers nothing. */
  public RecordingLocalSocket answerAcksWith(JsonNode value) {
    this.ackAnswer = value;
    return this;
  }

  public Map<String, Object> data() {
    return data;
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The names of the events delivered, in order. */
  public List<String> events() {
    return deliveries.stream().map(Delivery::event).toList();
  }

  /** {@code null} while connected, then whether the whole connection was closed. */
  public Boolean disconnected() {
    return disconnected;
  }

  @Override
  public void deliver(SocketPacket packet, List<EnginePacket> encoded, boolean volatileDelivery) {
    deliveries.add(delivery(packet, volatileDelivery, false));
  }

  @Override
  public void deliverWithAck(SocketPacket packet, List<EnginePacket> encoded, Consumer<JsonNode> ack) {
    deliveries.add(delivery(packet, false, true));
    JsonNode answer = ackAnswer;
    if (answer != null) {
      context.runOnContext(v -> ack.accept(answer));
    }
  }

  private static Delivery delivery(SocketPacket packet, boolean volatileDelivery, boolean withAck) {
    JsonNode data = packet.data() instanceof JsonNode node
        ? node
        : io.herald.core.socketio.PayloadMapper.get().valueToTree(packet.data());
    List<JsonNode> args = new java.util.ArrayList<>();
    for (int i = 1; i < data.size(); i++) {
      args.add(data.get(i));
    }
    return new Delivery(data.get(0).asText(), List.copyOf(args), volatileDelivery, withAck);
  }

  @Override
  public SocketDetails details() {
    return new SocketDetails(id, handshake, host.adapter().socketRooms(id), Map.copyOf(data), true);
  }

  @Override
  public void disconnect(boolean close) {
    disconnected = close;
    host.remove(this);
  }
}
