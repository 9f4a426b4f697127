package io.herald.core.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Set;

/**
 * What a socket presented when it connected.
 *
 * @param headers the HTTP headers of the request that opened the connection
 * @param query the query parameters of that request
 * @param auth the {@code auth} object the client sent with its CONNECT, {@code {}} if none
 * @param address the client's IP address
 * @param issued when the connection was opened
 * @param url the request URI
 * @param secure whether the connection uses TLS
 * @param xdomain whether the request was cross-origin (it carried an {@code Origin} header)
 */
public record Handshake(
    MultiMap headers, MultiMap query, ObjectNode auth, String address, Instant issued, String url, boolean secure,
    boolean xdomain) {

  /** A copy without the named credentials in {@code auth}, query, headers and URL. */
  public Handshake withoutCredentials(Set<String> names) {
    if (names.isEmpty()) {
      return this;
    }
    ObjectNode cleanAuth = auth.deepCopy();
    MultiMap cleanQuery = MultiMap.caseInsensitiveMultiMap().addAll(query);
    MultiMap cleanHeaders = MultiMap.caseInsensitiveMultiMap().addAll(headers);
    String cleanUrl = url;
    for (String name : names) {
      cleanAuth.remove(name);
      cleanQuery.remove(name);
      cleanHeaders.remove(name);
      cleanUrl = UrlRedaction.redact(cleanUrl, name);
    }
    return new Handshake(cleanHeaders, cleanQuery, cleanAuth, address, issued, cleanUrl, secure, xdomain);
  }
}
