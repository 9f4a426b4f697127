package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** A namespace on one node, as its adapter sees it: sockets that record deliveries, recorded server-side events. */
public final class RecordingHost implements AdapterHost {
  private final String name;
  private final Vertx vertx;
  private final Map<String, RecordingLocalSocket> sockets = new ConcurrentHashMap<>();
  private final List<List<JsonNode>> serverSideEvents = new CopyOnWriteArrayList<>();
  private final AtomicLong ackIds = new AtomicLong();
  private volatile Adapter adapter;
  private volatile JsonNode serverSideAnswer;

  public RecordingHost(String name, Vertx vertx) {
    this.name = name;
    this.vertx = vertx;
  }

  public Adapter adapter() {
    return adapter;
  }

  /** Sets the adapter under test; {@link AdapterContract} does it for the nodes it makes. */
  public void adapter(Adapter value) {
    this.adapter = value;
  }

  /** Connects a socket: it joins its own room and {@code rooms}. Each socket gets its own event-loop context. */
  public RecordingLocalSocket connect(String id, String... rooms) {
    RecordingLocalSocket socket = new RecordingLocalSocket(id, vertx.getOrCreateContext(), this);
    sockets.put(id, socket);
    adapter.addAll(id, Set.of(id));
    adapter.addAll(id, Set.of(rooms));
    return socket;
  }

  void remove(RecordingLocalSocket socket) {
    sockets.remove(socket.id());
    adapter.delAll(socket.id());
  }

  /** Answer server-side events that expect an ack with {@code value}. */
  public void answerServerSideEventsWith(JsonNode value) {
    this.serverSideAnswer = value;
  }

  public List<List<JsonNode>> serverSideEvents() {
    return List.copyOf(serverSideEvents);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public LocalSocket socket(String id) {
    return sockets.get(id);
  }

  @Override
  public void onServerSideEmit(List<JsonNode> eventAndArgs, Consumer<JsonNode> ack) {
    serverSideEvents.add(List.copyOf(eventAndArgs));
    JsonNode answer = serverSideAnswer;
    if (ack != null && answer != null) {
      ack.accept(answer);
    }
  }

  @Override
  public long nextAckId() {
    return ackIds.getAndIncrement();
  }
}
