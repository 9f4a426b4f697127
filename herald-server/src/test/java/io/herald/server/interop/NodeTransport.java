package io.herald.server.interop;

/** The transport configurations the Node clients are run with. */
enum NodeTransport {
  /** {@code transports: ["websocket"]}. */
  WEBSOCKET("websocket", "websocket"),
  /** {@code transports: ["polling"], upgrade: false}. */
  POLLING("polling", "polling"),
  /** {@code transports: ["polling", "websocket"]}: HTTP long-polling first, then an upgrade to WebSocket. */
  POLLING_THEN_UPGRADE("upgrade", "websocket");

  private final String mode;
  private final String finalTransport;

  NodeTransport(String mode, String finalTransport) {
    this.mode = mode;
    this.finalTransport = finalTransport;
  }

  /** The mode argument understood by the scripts (see lib.js transportOptions). */
  String mode() {
    return mode;
  }

  /** The Engine.IO transport the client must be using once the scenario ran. */
  String finalTransport() {
    return finalTransport;
  }

  boolean upgrades() {
    return this == POLLING_THEN_UPGRADE;
  }
}
