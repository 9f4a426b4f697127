package io.herald.core.server;

import java.util.Map;

/**
 * What a client is told when one of its events is dropped for going past {@code eventsPerSecond}. Called on the
 * socket's context for every dropped event that asked for an acknowledgement, and at most once a second for the
 * others (with {@link Ack#NONE}), so that a flood is not answered by a flood.
 */
@FunctionalInterface
public interface RateLimitReply {
  /** The default event name for dropped events that asked for no acknowledgement. */
  String EVENT = "rate_limited";

  /**
   * Answers an acknowledgement with {@code {status: "error", message: "rate limit exceeded"}}; otherwise emits
   * {@value #EVENT} {@code {message: "rate limit exceeded", event}}.
   */
  RateLimitReply DEFAULT = (socket, event, ack) -> {
    if (ack.requested()) {
      ack.send(Map.of("status", "error", "message", "rate limit exceeded"));
    } else {
      socket.emit(EVENT, Map.of("message", "rate limit exceeded", "event", event));
    }
  };

  /**
   * @param socket the socket that sent too much
   * @param event the name of the dropped event
   * @param ack its acknowledgement, or {@link Ack#NONE}
   */
  void reply(Socket socket, String event, Ack ack);
}
