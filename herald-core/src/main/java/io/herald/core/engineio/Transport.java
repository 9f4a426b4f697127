package io.herald.core.engineio;

import java.util.List;

/**
 * How packets reach one client. The session writes through this interface and never knows which
 * transport it has. All methods are called on the session's context.
 */
interface Transport {
  EngineOptions.TransportName name();

  /** Whether {@link #send} would deliver now, rather than the session having to keep the packets. */
  boolean writable();

  /** Delivers packets; only called while {@link #writable()}. */
  void send(List<EnginePacket> packets);

  /** Delivers one packet; only called while {@link #writable()}. */
  void send(EnginePacket packet);

  /** Whether more than the configured number of bytes waits to be written to the network. */
  boolean backedUp();

  /** Closes the underlying connection or request, without telling the session. */
  void close();

  /** Closes at once, without a goodbye the client would have to read: for clients that stopped reading. */
  default void abort() {
    close();
  }
}
