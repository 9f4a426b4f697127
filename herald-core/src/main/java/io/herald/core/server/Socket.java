package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Context;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client connected to one namespace. Listeners run on the socket's event loop ({@link #context()});
 * every other method may be called from any thread.
 */
public interface Socket extends RemoteSocket {
  @Override
  String id();

  Namespace namespace();

  @Override
  Handshake handshake();

  /** Free-form data attached to the socket; visible to {@code fetchSockets()}. Thread-safe. */
  @Override
  Map<String, Object> data();

  /** The rooms the socket is in, its own room (its id) included. */
  @Override
  Set<String> rooms();

  boolean connected();

  /** The event loop this socket lives on. */
  Context context();

  /** The name of the current transport: {@code polling} or {@code websocket}. */
  String transport();

  /** Listens for an event from the client. */
  Socket on(String event, EventListener listener);

  /** Sees every incoming event before its own listeners. */
  Socket onAny(AnyListener listener);

  /** Sees every outgoing event before it is sent. */
  Socket onAnyOutgoing(AnyListener listener);

  /** Called when the socket is about to leave its rooms (they are still visible). */
  Socket onDisconnecting(Consumer<DisconnectReason> listener);

  /** Called once the socket is disconnected. */
  Socket onDisconnect(Consumer<DisconnectReason> listener);

  /** Sends an event to this client. */
  @Override
  void emit(String event, Object... args);

  /**
   * Sends an event the client must acknowledge; completes with the acknowledgement's arguments. Without a
   * {@link #timeout} it waits until the socket disconnects.
   */
  CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args);

  /** A view of this socket whose {@code emitWithAck} fails after the timeout. */
  Emitter timeout(Duration timeout);

  @Override
  void join(String... rooms);

  @Override
  void leave(String room);

  /** Every socket in the rooms, except this one. */
  BroadcastOperator to(String... rooms);

  /** Every socket in the rooms, except this one. */
  BroadcastOperator in(String... rooms);

  /** Every socket of the namespace except this one and those in the rooms. */
  BroadcastOperator except(String... rooms);

  /** Every socket of the namespace except this one. */
  BroadcastOperator broadcast();

  /**
   * Disconnects from this namespace; with {@code close}, closes the whole connection (every namespace).
   */
  @Override
  void disconnect(boolean close);

  /** Emits with an acknowledgement timeout. */
  interface Emitter {
    CompletableFuture<List<JsonNode>> emitWithAck(String event, Object... args);
  }
}
