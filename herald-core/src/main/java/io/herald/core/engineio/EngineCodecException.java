package io.herald.core.engineio;

/** Input that is not a valid Engine.IO packet or payload. The connection that sent it is closed. */
public final class EngineCodecException extends RuntimeException {
  public EngineCodecException(String message) {
    super(message, null, false, false);
  }
}
