package io.herald.core.hardening;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hand-written WebSocket client over a plain socket, for clients that misbehave: it reads only when told to,
 * can come from any 127.0.0.x address and can send frames no library would.
 */
final class RawWs implements AutoCloseable {
  final Socket tcp;
  private final InputStream in;
  private final OutputStream out;

  private RawWs(Socket tcp) throws IOException {
    this.tcp = tcp;
    this.in = tcp.getInputStream();
    this.out = tcp.getOutputStream();
  }

  /** Opens an Engine.IO WebSocket from 127.0.0.1. */
  static RawWs connect(int port, String query) throws IOException {
    return connect("127.0.0.1", port, query, 0);
  }

  /**
   * @param from the local address to connect from, such as {@code 127.0.0.7}
   * @param receiveBuffer SO_RCVBUF, or 0 for the default
   */
  static RawWs connect(String from, int port, String query, int receiveBuffer) throws IOException {
    Socket tcp = new Socket();
    if (receiveBuffer > 0) {
      tcp.setReceiveBufferSize(receiveBuffer);
    }
    tcp.setSoTimeout(10_000);
    tcp.bind(new InetSocketAddress(from, 0));
    tcp.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    RawWs ws = new RawWs(tcp);
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    ws.out.write(("GET /socket.io/?EIO=4&transport=websocket" + query + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
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
    byte[] end = {'\r', '\n', '\r', '\n'};
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("closed in the response headers: " + headers);
      }
      headers.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Reads one text frame; fails on a close frame or the end of the stream. */
  String readText() throws IOException {
    int first = readByte();
    int second = readByte();
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
    if ((first & 0x0f) == 0x8) {
      throw new EOFException("close frame from server");
    }
    return new String(payload, StandardCharsets.UTF_8);
  }

  /** Completes the Engine.IO and Socket.IO handshakes on {@code /}; returns the Engine.IO sid. */
  String handshake() throws IOException {
    String open = readText();
    if (!open.startsWith("0{")) {
      throw new IOException("expected the open packet, got " + open);
    }
    sendText("40");
    String connect = readText();
    if (!connect.startsWith("40")) {
      throw new IOException("expected CONNECT, got " + connect);
    }
    return open.substring(open.indexOf("\"sid\":\"") + 7, open.indexOf('"', open.indexOf("\"sid\":\"") + 7));
  }

  /**
   * Reads and discards until the server closes the connection (a close frame, EOF or a reset); whether it did
   * within {@code millis}.
   */
  boolean closedByServerWithin(long millis) throws IOException {
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      tcp.setSoTimeout((int) Math.max(1, deadline - System.currentTimeMillis()));
      try {
        readText();
      } catch (EOFException e) {
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // connection reset
      }
    }
    return false;
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed");
    }
    return b;
  }

  void sendText(String text) throws IOException {
    sendFrame(0x1, text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends one masked, final frame with the given opcode. */
  void sendFrame(int opcode, byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(0x80 | opcode);
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
