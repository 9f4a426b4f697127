package io.herald.core.engineio;

/**
 * Hears what the Engine.IO layer does to protect itself, so that an application can count it. Called on event
 * loops, from several at once: implementations must be thread-safe and must not block.
 */
public interface EngineListener {
  EngineListener NONE = new EngineListener() {};

  /**
   * A handshake was refused by a limit.
   *
   * @param limit the option that refused it: {@code maxConnectionsPerIp} or {@code handshakesPerIpPerSecond}
   */
  default void connectionRefused(String limit) {}

  /** A session was closed because more than {@code maxBufferedBytes} waited to be written to it. */
  default void slowConsumerDisconnected() {}
}
