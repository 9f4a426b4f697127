package io.herald.server.app;

/** A group of gateway features with resources to release on shutdown. */
interface Features extends AutoCloseable {
  Features NONE = () -> { };

  /** Tells the features' own clients (those that are not Socket.IO sockets) that the gateway is going away. */
  default void drain() {}

  @Override
  void close();
}
