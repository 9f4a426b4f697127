package io.herald.core.engineio;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.time.Instant;

/**
 * What the server kept of the HTTP request that opened a session: the URL, headers, query and peer address.
 *
 * @param url the request URI (path and query) as sent
 * @param headers a copy of the request headers
 * @param query the decoded query parameters
 * @param remoteAddress the peer's IP address
 * @param secure whether the request came over TLS
 * @param issued when the session was opened
 */
public record EngineRequest(
    String url, MultiMap headers, MultiMap query, String remoteAddress, boolean secure, Instant issued) {

  static EngineRequest of(HttpServerRequest request) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(request.headers());
    MultiMap query = MultiMap.caseInsensitiveMultiMap().addAll(request.params());
    String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    return new EngineRequest(request.uri(), headers, query, address, request.isSSL(), Instant.now());
  }
}
