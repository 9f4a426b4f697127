package io.herald.core.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.util.Objects;
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

  /**
   * A copy without the named credentials in {@code auth}, query, headers and URL; only the parts that hold one are
   * copied, the others are shared with this handshake ({@code this} itself if none holds one).
   */
  public Handshake withoutCredentials(Set<String> names) {
    if (names.isEmpty()) {
      return this;
    }
    ObjectNode cleanAuth = auth;
    String cleanUrl = url;
    for (String name : names) {
      if (cleanAuth.has(name)) {
        if (cleanAuth == auth) {
          cleanAuth = auth.deepCopy();
        }
        cleanAuth.remove(name);
      }
      cleanUrl = UrlRedaction.redact(cleanUrl, name);
    }
    MultiMap cleanQuery = without(query, names);
    MultiMap cleanHeaders = without(headers, names);
    if (cleanAuth == auth && cleanQuery == query && cleanHeaders == headers && Objects.equals(cleanUrl, url)) {
      return this;
    }
    return new Handshake(cleanHeaders, cleanQuery, cleanAuth, address, issued, cleanUrl, secure, xdomain);
  }

  private static MultiMap without(MultiMap map, Set<String> names) {
    MultiMap clean = map;
    for (String name : names) {
      if (clean.contains(name)) {
        if (clean == map) {
          clean = map.copy();
        }
        clean.remove(name);
      }
    }
    return clean;
  }
}
