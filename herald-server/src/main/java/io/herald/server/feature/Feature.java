package io.herald.server.feature;

/**
 * One capability of the gateway (identity, the session events of {@code /}, presence, media, chat, ...): the only way
 * anything is added to it. The composition root lists features; each registers its own namespaces, events, routes,
 * migrations and shared services, through the same public API a library user has. Features never call each other's
 * classes: what one does that others care about is published as a domain event ({@link FeatureContext#events()}).
 *
 * <p>The gateway calls, for the features in list order: {@link #configure} for every feature, builds the Socket.IO
 * server, then {@link #install} for every feature; on shutdown {@link #drain} and, once the server is closed,
 * {@link #close}, both in reverse order.
 */
public interface Feature {
  /** A short lower-case name, for logs, errors and the feature's own migrations ({@code media}). */
  String name();

  /** Sets options of the Socket.IO server, its engine or the HTTP server before they are built. */
  default void configure(ServerSetup setup) {}

  /** Registers namespaces, event handlers, HTTP routes, migrations and the services later features may use. */
  void install(FeatureContext context);

  /** The gateway is going away: tell the feature's own clients (those that are not Socket.IO sockets), stop work. */
  default void drain() {}

  /** Releases what the feature holds; the Socket.IO server and the HTTP server are closed by then. */
  default void close() {}
}
