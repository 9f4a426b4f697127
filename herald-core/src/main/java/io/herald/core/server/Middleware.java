package io.herald.core.server;

/**
 * Runs for every socket that asks to join a namespace, before it is connected. It either lets the socket
 * through or refuses it; a refusal reaches the client's {@code connect_error} with the message and data.
 */
@FunctionalInterface
public interface Middleware {
  void handle(Socket socket, Next next);

  /** What a middleware answers; exactly one call, possibly later from another thread. */
  interface Next {
    /** Lets the socket through to the next middleware, then to the connection handlers. */
    void proceed();

    /** Refuses the socket: the client gets {@code connect_error} with this message and {@code data} (may be null). */
    void refuse(String message, Object data);

    default void refuse(String message) {
      refuse(message, null);
    }
  }
}
