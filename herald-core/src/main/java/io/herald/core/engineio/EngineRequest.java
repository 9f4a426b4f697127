package io.herald.core.engineio;

import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the server kept of the HTTP request that opened a session: the URL, headers, query and peer address.
 *
 * <p>Kept for as long as the session lives, so kept small: the headers are one array of names and values, and
 * the query is decoded from the URL each time it is read. Both maps are case-insensitive and may be changed; a
 * change is seen only by the map changed (copies share nothing mutable).
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
    // interned, so that sessions share them: clients of one kind open the same URL (a websocket without a token in
    // it, say), and many sessions come from one address (a load balancer, a NAT)
    String url = request.uri().intern();
    String address = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress().intern();
    return new EngineRequest(url, Fields.copyOf(request.headers()), Fields.queryOf(url), address, request.isSSL(),
        Instant.now());
  }

  /**
   * A case-insensitive {@link MultiMap} on one array {@code name0, value0, name1, value1, ...} that is replaced,
   * never changed, when the map is; or, for a query, on the URL it is decoded from when read, until it is
   * changed. Reads are safe from any thread; changes are not, as with Vert.x's own maps.
   */
  static final class Fields implements MultiMap {
    private static final String[] NONE = new String[0];
    /**
     * Headers whose values repeat from one client to the next: their values are interned, as are all names, so
     * that sessions share them.
     */
    private static final Set<String> SHARED_VALUES = sharedValues("host", "connection", "upgrade", "origin",
        "user-agent", "accept", "accept-encoding", "accept-language", "cache-control", "pragma",
        "sec-websocket-version", "sec-websocket-extensions", "x-forwarded-proto");

    /** The URL whose query this map decodes while {@code pairs} is null. */
    private final String url;
    private volatile String[] pairs;

    private Fields(String url, String[] pairs) {
      this.url = url;
      this.pairs = pairs;
    }

    static Fields copyOf(MultiMap source) {
      List<Map.Entry<String, String>> entries = source.entries();
      String[] pairs = new String[2 * entries.size()];
      int i = 0;
      for (Map.Entry<String, String> entry : entries) {
        String name = entry.getKey().intern();
        pairs[i++] = name;
        pairs[i++] = SHARED_VALUES.contains(name) ? entry.getValue().intern() : entry.getValue();
      }
      return new Fields(null, pairs);
    }

    private static Set<String> sharedValues(String... names) {
      Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      set.addAll(List.of(names));
      return set;
    }

    /** The query parameters of {@code url}, decoded as Vert.x's {@code HttpServerRequest.params()} does. */
    static Fields queryOf(String url) {
      return new Fields(url, null);
    }

    private String[] pairs() {
      String[] current = pairs;
      return current != null ? current : decode(url);
    }

    private static String[] decode(String url) {
      Map<String, List<String>> parameters =
          new QueryStringDecoder(url, StandardCharsets.UTF_8, true, 1024, false).parameters();
      if (parameters.isEmpty()) {
        return NONE;
      }
      List<String> decoded = new ArrayList<>();
      parameters.forEach((name, values) -> values.forEach(value -> {
        decoded.add(name);
        decoded.add(value);
      }));
      return decoded.toArray(NONE);
    }

    private static boolean named(String candidate, CharSequence name) {
      return AsciiString.contentEqualsIgnoreCase(candidate, name);
    }

    // ---- reading ------------------------------------------------------------------------------------

    @Override
    public String get(CharSequence name) {
      Objects.requireNonNull(name, "name");
      String[] current = pairs();
      for (int i = 0; i < current.length; i += 2) {
        if (named(current[i], name)) {
          return current[i + 1];
        }
      }
      return null;
    }

    @Override
    public String get(String name) {
      return get((CharSequence) name);
    }

    @Override
    public List<String> getAll(CharSequence name) {
      Objects.requireNonNull(name, "name");
      String[] current = pairs();
      List<String> values = null;
      for (int i = 0; i < current.length; i += 2) {
        if (named(current[i], name)) {
          if (values == null) {
            values = new ArrayList<>(2);
          }
          values.add(current[i + 1]);
        }
      }
      return values == null ? List.of() : values;
    }

    @Override
    public List<String> getAll(String name) {
      return getAll((CharSequence) name);
    }

    @Override
    public boolean contains(CharSequence name) {
      return get(name) != null;
    }

    @Override
    public boolean contains(String name) {
      return get(name) != null;
    }

    @Override
    public boolean isEmpty() {
      return pairs().length == 0;
    }

    @Override
    public Set<String> names() {
      String[] current = pairs();
      Set<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
      for (int i = 0; i < current.length; i += 2) {
        names.add(current[i]);
      }
      return names;
    }

    /** The number of names, as Vert.x's maps count. */
    @Override
    public int size() {
      return names().size();
    }

    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
      String[] current = pairs();
      return new Iterator<>() {
        private int next;

        @Override
        public boolean hasNext() {
          return next < current.length;
        }

        @Override
        public Map.Entry<String, String> next() {
          if (next >= current.length) {
            throw new NoSuchElementException();
          }
          Map.Entry<String, String> entry = Map.entry(current[next], current[next + 1]);
          next += 2;
          return entry;
        }
      };
    }

    @Override
    public boolean isMutable() {
      return true;
    }

    @Override
    public MultiMap copy(boolean mutable) {
      return mutable ? new Fields(url, pairs) : MultiMap.caseInsensitiveMultiMap().addAll(this).copy(false);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      for (Map.Entry<String, String> entry : this) {
        text.append(entry.getKey()).append('=').append(entry.getValue()).append('\n');
      }
      return text.toString();
    }

    // ---- changing: each change replaces the array ------------------------------------------------------

    @Override
    public MultiMap add(String name, String value) {
      return add((CharSequence) name, value);
    }

    @Override
    public MultiMap add(CharSequence name, CharSequence value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      String[] current = pairs();
      String[] more = Arrays.copyOf(current, current.length + 2);
      more[current.length] = name.toString();
      more[current.length + 1] = value.toString();
      pairs = more;
      return this;
    }

    @Override
    public MultiMap add(String name, Iterable<String> values) {
      values.forEach(value -> add(name, value));
      return this;
    }

    @Override
    public MultiMap add(CharSequence name, Iterable<CharSequence> values) {
      values.forEach(value -> add(name, value));
      return this;
    }

    @Override
    public MultiMap addAll(MultiMap map) {
      map.entries().forEach(entry -> add(entry.getKey(), entry.getValue()));
      return this;
    }

    @Override
    public MultiMap addAll(Map<String, String> map) {
      map.forEach(this::add);
      return this;
    }

    @Override
    public MultiMap set(String name, String value) {
      return set((CharSequence) name, value);
    }

    @Override
    public MultiMap set(CharSequence name, CharSequence value) {
      remove(name);
      return value == null ? this : add(name, value);
    }

    @Override
    public MultiMap set(String name, Iterable<String> values) {
      remove(name);
      return add(name, values);
    }

    @Override
    public MultiMap set(CharSequence name, Iterable<CharSequence> values) {
      remove(name);
      return add(name, values);
    }

    @Override
    public MultiMap setAll(MultiMap map) {
      List<Map.Entry<String, String>> entries = map.entries();
      clear();
      entries.forEach(entry -> add(entry.getKey(), entry.getValue()));
      return this;
    }

    @Override
    public MultiMap setAll(Map<String, String> map) {
      clear();
      return addAll(map);
    }

    @Override
    public MultiMap remove(String name) {
      return remove((CharSequence) name);
    }

    @Override
    public MultiMap remove(CharSequence name) {
      Objects.requireNonNull(name, "name");
      String[] current = pairs();
      String[] kept = new String[current.length];
      int size = 0;
      for (int i = 0; i < current.length; i += 2) {
        if (!named(current[i], name)) {
          kept[size++] = current[i];
          kept[size++] = current[i + 1];
        }
      }
      if (size < current.length) {
        pairs = Arrays.copyOf(kept, size);
      }
      return this;
    }

    @Override
    public MultiMap clear() {
      pairs = NONE;
      return this;
    }
  }
}
