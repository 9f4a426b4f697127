package io.herald.core.engineio;

/** The errors an Engine.IO request can be refused with, with the codes and messages of the Node server. */
enum EngineError {
  UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
  UNKNOWN_SID(1, "Session ID unknown", 400),
  BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
  BAD_REQUEST(3, "Bad request", 400),
  FORBIDDEN(4, "Forbidden", 403),
  UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
  PAYLOAD_TOO_LARGE(3, "Payload too large", 413),
  TOO_MANY_CONNECTIONS(4, "Too many connections from this address", 429),
  TOO_MANY_HANDSHAKES(4, "Too many handshakes from this address", 429);

  final int code;
  final String message;
  final int status;

  EngineError(int code, String message, int status) {
    this.code = code;
    this.message = message;
    this.status = status;
  }

  String json() {
    return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
  }
}
