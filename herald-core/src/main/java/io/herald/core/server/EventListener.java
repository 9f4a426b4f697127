package io.herald.core.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Handles one event from a client. Runs on the socket's event loop: do not block; hand blocking work to a
 * worker or a virtual thread and answer through {@code ack} when it is done.
 */
@FunctionalInterface
public interface EventListener {
  /**
   * @param args the event's arguments; binary ones are {@code BinaryNode}s
   * @param ack the acknowledgement callback, {@link Ack#NONE} if the client asked for none
   */
  void onEvent(List<JsonNode> args, Ack ack);
}
