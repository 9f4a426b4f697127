package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The listeners of one socket, as one immutable value: adding a listener makes a new value. Sockets without
 * listeners share {@link #NONE}; a socket with a few listeners keeps a few small arrays instead of a map and a
 * list per kind. Listeners of one kind, and of one event, run in the order they were added.
 */
final class SocketListeners {
  static final SocketListeners NONE = new SocketListeners(new Object[0], new AnyListener[0], new AnyListener[0],
      newConsumers(0), newConsumers(0));

  /** {@code event0, listener0, event1, listener1, ...}: few events per socket, so a scan beats a hash lookup. */
  private final Object[] events;
  private final AnyListener[] any;
  private final AnyListener[] anyOutgoing;
  private final Consumer<DisconnectReason>[] disconnecting;
  private final Consumer<DisconnectReason>[] disconnect;

  private SocketListeners(Object[] events, AnyListener[] any, AnyListener[] anyOutgoing,
      Consumer<DisconnectReason>[] disconnecting, Consumer<DisconnectReason>[] disconnect) {
    this.events = events;
    this.any = any;
    this.anyOutgoing = anyOutgoing;
    this.disconnecting = disconnecting;
    this.disconnect = disconnect;
  }

  SocketListeners withEvent(String event, EventListener listener) {
    Object[] more = Arrays.copyOf(events, events.length + 2);
    more[events.length] = event;
    more[events.length + 1] = listener;
    return new SocketListeners(more, any, anyOutgoing, disconnecting, disconnect);
  }

  SocketListeners withAny(AnyListener listener) {
    return new SocketListeners(events, plus(any, listener), anyOutgoing, disconnecting, disconnect);
  }

  SocketListeners withAnyOutgoing(AnyListener listener) {
    return new SocketListeners(events, any, plus(anyOutgoing, listener), disconnecting, disconnect);
  }

  SocketListeners withDisconnecting(Consumer<DisconnectReason> listener) {
    return new SocketListeners(events, any, anyOutgoing, plus(disconnecting, listener), disconnect);
  }

  SocketListeners withDisconnect(Consumer<DisconnectReason> listener) {
    return new SocketListeners(events, any, anyOutgoing, disconnecting, plus(disconnect, listener));
  }

  /** Calls the listeners of {@code event} in order; an exception stops the ones after it. */
  void onEvent(String event, List<JsonNode> args, Ack ack) {
    for (int i = 0; i < events.length; i += 2) {
      if (events[i].equals(event)) {
        ((EventListener) events[i + 1]).onEvent(args, ack);
      }
    }
  }

  AnyListener[] any() {
    return any;
  }

  AnyListener[] anyOutgoing() {
    return anyOutgoing;
  }

  Consumer<DisconnectReason>[] disconnecting() {
    return disconnecting;
  }

  Consumer<DisconnectReason>[] disconnect() {
    return disconnect;
  }

  private static <T> T[] plus(T[] listeners, T listener) {
    T[] more = Arrays.copyOf(listeners, listeners.length + 1);
    more[listeners.length] = listener;
    return more;
  }

  @SuppressWarnings("unchecked")
  private static Consumer<DisconnectReason>[] newConsumers(int size) {
    return (Consumer<DisconnectReason>[]) new Consumer<?>[size];
  }
}
