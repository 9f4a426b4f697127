package io.herald.core.server;

/** Why a socket was disconnected, with the names the Node socket.io server uses. */
public enum DisconnectReason {
  /** The server called {@code disconnect()} on the socket. */
  SERVER_NAMESPACE_DISCONNECT("server namespace disconnect"),
  /** The client called {@code disconnect()} on its socket. */
  CLIENT_NAMESPACE_DISCONNECT("client namespace disconnect"),
  /** The server is closing. */
  SERVER_SHUTTING_DOWN("server shutting down"),
  /** The client did not answer a ping in time. */
  PING_TIMEOUT("ping timeout"),
  /** The connection was closed by the client or the network. */
  TRANSPORT_CLOSE("transport close"),
  /** The connection failed, or the client could not keep up with what was sent to it. */
  TRANSPORT_ERROR("transport error"),
  /** The client sent something that is not valid Socket.IO. */
  PARSE_ERROR("parse error"),
  /** The whole connection was closed by the server. */
  FORCED_CLOSE("forced close"),
  /** The connection was closed by the server with {@code disconnect(true)}. */
  FORCED_SERVER_CLOSE("forced server close");

  private final String wireName;

  DisconnectReason(String wireName) {
    this.wireName = wireName;
  }

  /** The reason as the Node server spells it, such as {@code "ping timeout"}. */
  public String wireName() {
    return wireName;
  }

  static DisconnectReason ofWireName(String name) {
    for (DisconnectReason reason : values()) {
      if (reason.wireName.equals(name)) {
        return reason;
      }
    }
    return TRANSPORT_ERROR;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
