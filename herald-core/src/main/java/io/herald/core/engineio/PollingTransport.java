package io.herald.core.engineio;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * The HTTP long-polling transport. It holds at most one pending GET; packets go out as the body of that
 * GET, batched into one payload. The session keeps the packets while no GET is pending.
 */
final class PollingTransport implements Transport {
  static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized("text/plain; charset=UTF-8");
  private static final CharSequence TEXT_HTML = HttpHeaders.createOptimized("text/html");
  private static final Buffer OK = Buffer.buffer("ok");

  private HttpServerRequest pendingGet;

  @Override
  public EngineOptions.TransportName name() {
    return EngineOptions.TransportName.POLLING;
  }

  boolean hasPendingGet() {
    return pendingGet != null;
  }

  /** Parks a GET until there is something to send. */
  void park(HttpServerRequest get) {
    this.pendingGet = get;
  }

  /** Forgets the pending GET if it is this one (its connection went away). */
  boolean forget(HttpServerRequest get) {
    if (pendingGet == get) {
      pendingGet = null;
      return true;
    }
    return false;
  }

  @Override
  public boolean writable() {
    return pendingGet != null;
  }

  @Override
  public void send(List<EnginePacket> packets) {
    respond(EngineCodec.encodePayload(packets));
  }

  @Override
  public void send(EnginePacket packet) {
    send(List.of(packet));
  }

  private void respond(byte[] payload) {
    HttpServerRequest get = pendingGet;
    pendingGet = null;
    get.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
        .end(Buffer.buffer(payload));
  }

  /** Answers a data POST that was accepted. */
  static void acknowledge(HttpServerRequest post) {
    post.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_HTML).end(OK);
  }

  /** Ends a pending GET with a noop: the client closed the session itself and needs no close packet. */
  void release() {
    if (pendingGet != null) {
      send(EnginePacket.of(EnginePacketType.NOOP));
    }
  }

  @Override
  public boolean backedUp() {
    return false;
  }

  @Override
  public void close() {
    if (pendingGet != null) {
      send(EnginePacket.of(EnginePacketType.CLOSE));
    }
  }
}
