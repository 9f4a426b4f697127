package io.herald.server.interop;

import static org.awaitility.Awaitility.await;

import io.herald.server.app.Gateway;
import io.herald.server.app.GatewayConfig;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** A Herald {@link Gateway} in conformance mode on 127.0.0.1, for one test or one test class. */
final class TestGateway implements AutoCloseable {

  private final Gateway gateway;
  private final int port;
  private boolean closed;

  private TestGateway(Gateway gateway) {
    this.gateway = gateway;
    this.port = gateway.port();
  }

  /** Starts a gateway on an ephemeral port. */
  static TestGateway start() {
    return new TestGateway(Gateway.start(GatewayConfig.conformance().withHost("127.0.0.1").withPort(0)));
  }

  /** Starts a gateway on {@code port}, retrying for a few seconds while the previous listener lets go of it. */
  static TestGateway startOnPort(int port) {
    AtomicReference<TestGateway> started = new AtomicReference<>();
    await("gateway listening again on port " + port)
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(() -> {
          started.set(new TestGateway(
              Gateway.start(GatewayConfig.conformance().withHost("127.0.0.1").withPort(port))));
          return true;
        });
    return started.get();
  }

  int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}. */
  String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Graceful shutdown (idempotent). */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      gateway.close();
    }
  }
}
