package io.herald.core.server;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-written WebSocket client over a plain {@link java.net.Socket}: it writes the upgrade request itself,
 * masks what it sends as clients must, and reads only when told to.
 */
final class RawWebSocket implements AutoCloseable {
  private final java.net.Socket tcp;
  private final InputStream in;
  private final OutputStream out;

  private RawWebSocket(java.net.Socket tcp) throws IOException {
    this.tcp = tcp;
    this.in = tcp.getInputStream();
    this.out = tcp.getOutputStream();
  }

  /**
   * Connects to the Engine.IO WebSocket endpoint and reads the 101 response headers.
   *
   * @param receiveBuffer SO_RCVBUF to set before connecting, or 0 for the default
   */
  static RawWebSocket connect(int port, String extraQuery, int receiveBuffer) throws IOException {
    java.net.Socket tcp = new java.net.Socket();
    if (receiveBuffer > 0) {
      tcp.setReceiveBufferSize(receiveBuffer);
    }
    tcp.setSoTimeout(10_000);
    tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    RawWebSocket ws = new RawWebSocket(tcp);
    byte[] keyBytes = new byte[16];
    ThreadLocalRandom.current().nextBytes(keyBytes);
    String request = "GET /socket.io/?EIO=4&transport=websocket" + extraQuery + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(keyBytes) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "\r\n";
    ws.out.write(request.getBytes(StandardCharsets.US_ASCII));
    ws.out.flush();
    String headers = ws.readHeaders();
    if (!headers.startsWith("HTTP/1.1 101")) {
      tcp.close();
      throw new IOException("upgrade refused: " + headers);
    }
    return ws;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed in the response headers: " + headers);
      }
      headers.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Reads one whole unfragmented text frame from the server (skipping nothing); returns its text. */
  String readTextFrame() throws IOException {
    int first = readByte();
    int second = readByte();
    int opcode = first & 0x0f;
    long length = second & 0x7f;
    if (length == 126) {
      length = (readByte() << 8) | readByte();
    } else if (length == 127) {
      length = 0;
      for (int i = 0; i < 8; i++) {
        length = (length << 8) | readByte();
      }
    }
    byte[] payload = in.readNBytes((int) length);
    if (payload.length != length) {
      throw new EOFException("frame cut short");
    }
    if (opcode == 0x8) {
      throw new EOFException("close frame from server");
    }
    if (opcode != 0x1 || (first & 0x80) == 0) {
      throw new IOException("expected one final text frame, got opcode " + opcode);
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed");
    }
    return b;
  }

  /** Sends a masked text frame. */
  void sendText(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else if (payload.length < 65_536) {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(0x80 | 127);
      for (int i = 7; i >= 0; i--) {
        frame.write((int) ((long) payload.length >>> (8 * i)) & 0xff);
      }
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  @Override
  public void close() throws IOException {
    tcp.close();
  }
}
