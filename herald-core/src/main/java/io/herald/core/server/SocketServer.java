package io.herald.core.server;

import io.herald.core.adapter.AdapterFactory;
import io.herald.core.engineio.EngineOptions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * A Socket.IO v4 server. Mount {@link #requestHandler} on a Vert.x HTTP server; declare namespaces with
 * {@link #of}.
 *
 * <pre>{@code
 * SocketServer io = SocketServer.builder(vertx).build();
 * io.of("/").onConnection(socket -> socket.on("hello", (args, ack) -> ack.send("world")));
 * vertx.createHttpServer(io.httpOptions(new HttpServerOptions()))
 *     .requestHandler(io.requestHandler(request -> request.response().setStatusCode(404).end()))
 *     .listen(3000);
 * }</pre>
 */
public interface SocketServer {
  static Builder builder(Vertx vertx) {
    return new Builder(vertx);
  }

  /** The namespace with this name, created if needed. {@code of("/")} is the main namespace. */
  Namespace of(String name);

  /**
   * A parent for namespaces created on demand: when a client asks for a namespace that does not exist and the
   * matcher accepts it, it is created with the parent's middleware and connection handlers. Broadcasting on
   * the parent reaches every namespace it created.
   */
  Namespace dynamicNamespace(NamespaceMatcher matcher);

  /** Every namespace that exists now: those declared with {@link #of} and those created on demand. */
  Collection<Namespace> namespaces();

  /** Handles requests under {@link #path()}; passes every other request to {@code otherwise}. */
  Handler<HttpServerRequest> requestHandler(Handler<HttpServerRequest> otherwise);

  /** Handles one request under {@link #path()}. */
  void handle(HttpServerRequest request);

  /**
   * Sets the HTTP server options this server relies on (Vert.x's WebSocket frame limits for {@code maxPayload}
   * and a short closing timeout). Socket.IO's own WebSockets are read by Herald's handler, which enforces
   * {@code maxPayload} itself; the options matter for WebSocket endpoints the application serves with Vert.x.
   */
  HttpServerOptions httpOptions(HttpServerOptions options);

  /** The path the server answers under, such as {@code /socket.io/}. */
  String path();

  /** The number of open connections (Engine.IO sessions). */
  int clientsCount();

  /**
   * Disconnects every socket with reason {@code server shutting down} and closes every connection.
   * Completes once the disconnect packets have been handed to the transports.
   */
  Future<Void> close();

  /** Builds a {@link SocketServer}. */
  final class Builder {
    final Vertx vertx;
    String path = "/socket.io/";
    EngineOptions engine = EngineOptions.defaults();
    Duration connectTimeout = Duration.ofSeconds(45);
    AdapterFactory adapter = AdapterFactory.MEMORY;
    int maxAttachments = 64;
    Set<String> credentialFields = Set.of();
    int maxNamespacesPerConnection = 32;
    int maxRoomsPerSocket = 1_000;
    int maxEventNameLength = 256;
    int eventsPerSecond = 100;
    int eventBurst = -1;
    Duration rateLimitDisconnectAfter = Duration.ofSeconds(5);
    RateLimitReply rateLimitReply = RateLimitReply.DEFAULT;
    ServerListener listener = ServerListener.NONE;

    private Builder(Vertx vertx) {
      this.vertx = Objects.requireNonNull(vertx, "vertx");
    }

    /** The path to answer under; {@code /socket.io/} by default. */
    public Builder path(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("path: " + path + " (expected: starting with /)");
      }
      this.path = path.endsWith("/") ? path : path + "/";
      return this;
    }

    public Builder engine(EngineOptions options) {
      this.engine = Objects.requireNonNull(options, "engine");
      return this;
    }

    /** How long a connection may stay without joining any namespace; 45 s by default. */
    public Builder connectTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("connectTimeout: " + timeout + " (expected: > 0)");
      }
      this.connectTimeout = timeout;
      return this;
    }

    public Builder adapter(AdapterFactory factory) {
      this.adapter = Objects.requireNonNull(factory, "adapter");
      return this;
    }

    /** How many binary attachments one packet may carry; 64 by default. */
    public Builder maxAttachments(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("maxAttachments: " + count + " (expected: >= 0)");
      }
      this.maxAttachments = count;
      return this;
    }

    /**
     * Names of credentials, such as {@code token} and {@code authorization}, that middleware may read but
     * nothing after it sees: once a socket's middleware has let it through, they are removed from its
     * handshake's {@code auth}, query and headers (case-insensitively) and blanked in its URL.
     */
    public Builder credentialFields(Set<String> names) {
      this.credentialFields = Set.copyOf(names);
      return this;
    }

    /**
     * How many namespaces one connection may join; 32 by default. A CONNECT past it gets a CONNECT_ERROR
     * {@code {message}}; a connection with {@value Client#HARD_MULTIPLE} times as many refused CONNECTs (past this
     * limit or to unknown namespaces) is closed.
     */
    public Builder maxNamespacesPerConnection(int count) {
      this.maxNamespacesPerConnection = positive("maxNamespacesPerConnection", count);
      return this;
    }

    /**
     * How many rooms one socket may be in, its own room included; 1,000 by default. {@link Socket#join} past it
     * ignores the rooms that do not fit and logs a warning.
     */
    public Builder maxRoomsPerSocket(int count) {
      this.maxRoomsPerSocket = positive("maxRoomsPerSocket", count);
      return this;
    }

    /** How long an event name from a client may be; 256 by default. A longer one closes the connection (parse error). */
    public Builder maxEventNameLength(int length) {
      this.maxEventNameLength = positive("maxEventNameLength", length);
      return this;
    }

    /**
     * How many events one socket may send per second on average; 100 by default, 0 for no limit. Events past it are
     * dropped and answered by the {@link #rateLimitReply}; see {@link #eventBurst} and
     * {@link #rateLimitDisconnectAfter}.
     */
    public Builder eventsPerSecond(int count) {
      if (count < 0) {
        throw new IllegalArgumentException("eventsPerSecond: " + count + " (expected: >= 0, 0 for no limit)");
      }
      this.eventsPerSecond = count;
      return this;
    }

    /** How many events one socket may send at once before {@link #eventsPerSecond} applies; twice it by default. */
    public Builder eventBurst(int count) {
      this.eventBurst = positive("eventBurst", count);
      return this;
    }

    /** How long a socket may keep sending past {@link #eventsPerSecond} before it is disconnected; 5 s by default. */
    public Builder rateLimitDisconnectAfter(Duration duration) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("rateLimitDisconnectAfter: " + duration + " (expected: > 0)");
      }
      this.rateLimitDisconnectAfter = duration;
      return this;
    }

    /** What a client is told when its events are dropped; {@link RateLimitReply#DEFAULT} by default. */
    public Builder rateLimitReply(RateLimitReply reply) {
      this.rateLimitReply = Objects.requireNonNull(reply, "rateLimitReply");
      return this;
    }

    /** Hears about refused connections, slow consumers and rate limiting, to count them. */
    public Builder listener(ServerListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    private static int positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
      }
      return value;
    }

    public SocketServer build() {
      return new DefaultSocketServer(this);
    }
  }
}
