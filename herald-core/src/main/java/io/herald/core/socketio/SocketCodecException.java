package io.herald.core.socketio;

/** Input that is not a valid Socket.IO packet. The connection that sent it is closed. */
public final class SocketCodecException extends RuntimeException {
  public SocketCodecException(String message) {
    super(message, null, false, false);
  }
}
