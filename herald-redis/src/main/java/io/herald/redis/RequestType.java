package io.herald.redis;

/** The kinds of request between nodes, numbered as in {@code @socket.io/redis-adapter} 8. */
enum RequestType {
  SOCKETS(0),
  ALL_ROOMS(1),
  REMOTE_JOIN(2),
  REMOTE_LEAVE(3),
  REMOTE_DISCONNECT(4),
  REMOTE_FETCH(5),
  SERVER_SIDE_EMIT(6),
  BROADCAST(7),
  BROADCAST_CLIENT_COUNT(8),
  BROADCAST_ACK(9);

  private static final RequestType[] VALUES = values();

  final int code;

  RequestType(int code) {
    this.code = code;
  }

  /** The type with this number, or {@code null}. */
  static RequestType of(int code) {
    return code >= 0 && code < VALUES.length ? VALUES[code] : null;
  }
}
