package io.herald.server.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.server.testing.IdentityGateway;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A client that trickles its request headers a byte at a time is cut off; others are served meanwhile. */
class SlowlorisTest {
  @Test
  void aClientThatNeverFinishesItsHeadersIsClosedWhileOthersAreServed() throws Exception {
    try (IdentityGateway gateway = IdentityGateway.start(Map.of("HERALD_HEADER_TIMEOUT", "2"));
        Socket slow = new Socket("127.0.0.1", gateway.port())) {
      slow.setSoTimeout(200);
      OutputStream out = slow.getOutputStream();
      InputStream in = slow.getInputStream();
      out.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
      long started = System.nanoTime();
      boolean closed = false;
      int served = 0;
      while (!closed && System.nanoTime() - started < 8_000_000_000L) {
        try {
          out.write('a'); // one more header byte: never a complete request
          out.flush();
          closed = in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
          // nothing from the server yet
        } catch (SocketException e) {
          closed = true;
        }
        if (gateway.get("/health", null).statusCode() == 200) {
          served++;
        }
      }
      long seconds = (System.nanoTime() - started) / 1_000_000_000L;

      assertThat(closed).as("the trickling connection was closed").isTrue();
      assertThat(seconds).as("closed after about the 2 s header deadline").isBetween(1L, 6L);
      assertThat(served).as("/health answered other clients meanwhile").isPositive();
    }
  }
}
