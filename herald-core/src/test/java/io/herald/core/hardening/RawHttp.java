package io.herald.core.hardening;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 GET over a plain socket from a chosen 127.0.0.x address; returns the whole response. */
final class RawHttp {
  private RawHttp() {}

  static String get(String from, int port, String pathAndQuery) throws IOException {
    try (Socket tcp = new Socket()) {
      tcp.setSoTimeout(10_000);
      tcp.bind(new InetSocketAddress(from, 0));
      tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      tcp.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(tcp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
