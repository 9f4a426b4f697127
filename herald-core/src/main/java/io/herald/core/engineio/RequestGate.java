package io.herald.core.engineio;

import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;

/**
 * Accepts or refuses the raw HTTP request that opens a new Engine.IO session (polling handshake or direct
 * WebSocket), before any session exists. A refused request gets HTTP 403.
 */
@FunctionalInterface
public interface RequestGate {
  RequestGate ALLOW_ALL = request -> Future.succeededFuture(true);

  /** Completes with {@code true} to accept; {@code false} or a failure refuses. Must not block. */
  Future<Boolean> allow(HttpServerRequest request);
}
