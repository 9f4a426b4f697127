package io.herald.core.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import io.herald.core.engineio.EnginePacket;
import io.herald.core.socketio.SocketPacket;
import io.vertx.core.Context;
import java.util.List;
import java.util.function.Consumer;

/**
 * What an adapter sees of its namespace on this node: the local sockets it delivers to.
 * Implemented by the server; adapters only call it.
 */
public interface AdapterHost {
  /** The namespace name, such as {@code /} or {@code /chat}. */
  String name();

  /** The local socket with this id, or {@code null}. */
  LocalSocket socket(String id);

  /** A server-side event from another node. {@code ack} is {@code null} when none is expected. */
  void onServerSideEmit(List<JsonNode> eventAndArgs, Consumer<JsonNode> ack);

  /**
   * A fresh acknowledgement id, unique among the packets of this namespace on this node. A cluster adapter takes
   * one for each broadcast with acknowledgements that another node asks it to deliver.
   */
  long nextAckId();

  /** A socket connected to this node, as the adapter uses it. Every method may be called from any thread. */
  interface LocalSocket {
    String id();

    /** The Vert.x context the socket lives on; delivering there avoids a hop. */
    Context context();

    /**
     * Sends a packet already encoded as {@code encoded}; with {@code volatileDelivery} it is dropped if the socket
     * cannot take it now. {@code packet} is the same packet before encoding, for listeners of outgoing events.
     */
    void deliver(SocketPacket packet, List<EnginePacket> encoded, boolean volatileDelivery);

    /** Sends an encoded packet that expects an acknowledgement; {@code ack} gets its first argument. */
    void deliverWithAck(SocketPacket packet, List<EnginePacket> encoded, Consumer<JsonNode> ack);

    SocketDetails details();

    void disconnect(boolean close);
  }
}
