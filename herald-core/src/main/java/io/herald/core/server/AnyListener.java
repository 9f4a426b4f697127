package io.herald.core.server;

import java.util.List;

/** Sees every event in one direction, before the event's own listeners (incoming) or before it is sent (outgoing). */
@FunctionalInterface
public interface AnyListener {
  /** @param args the arguments: {@code JsonNode}s for incoming events, the emitted objects for outgoing ones */
  void onEvent(String event, List<?> args);
}
