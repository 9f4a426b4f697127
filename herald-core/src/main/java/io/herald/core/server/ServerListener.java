package io.herald.core.server;

import io.herald.core.engineio.EngineListener;

/**
 * Hears what the server does to protect itself from misbehaving clients, so that an application can count it
 * (Herald's core has no metrics library). Set with {@link SocketServer.Builder#listener}. Called on event loops,
 * from several at once: implementations must be thread-safe and must not block.
 */
public interface ServerListener extends EngineListener {
  ServerListener NONE = new ServerListener() {};

  /** An event was dropped because its socket sent more than {@code eventsPerSecond}. */
  default void rateLimited() {}

  /**
   * A client went past a limit and was refused or cut off.
   *
   * @param limit the option: {@code maxNamespacesPerConnection}, {@code maxRoomsPerSocket} or
   *     {@code eventsPerSecond} (a socket disconnected for sending too much for too long)
   */
  default void limitExceeded(String limit) {}
}
