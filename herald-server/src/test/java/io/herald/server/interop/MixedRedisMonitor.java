package io.herald.server.interop;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Records everything published on a Redis server ({@code PSUBSCRIBE *} over a raw RESP connection), so that a
 * failing mixed-cluster test can show what each side put on the wire. Payloads are rendered as text: JSON as is,
 * MessagePack decoded ({@code bin} as {@code <hex>}), followed by the raw bytes in hex.
 */
final class MixedRedisMonitor implements AutoCloseable {

  /** One PUBLISH seen by the monitor. */
  record Message(String channel, byte[] payload) {
    @Override
    public String toString() {
      return channel + "  " + render(payload) + "\n    hex: " + HexFormat.of().formatHex(payload);
    }
  }

  private final Socket socket;
  private final List<Message> messages = new ArrayList<>();
  private final CountDownLatch subscribed = new CountDownLatch(1);

  private MixedRedisMonitor(Socket socket) {
    this.socket = socket;
  }

  static MixedRedisMonitor start(int port) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      MixedRedisMonitor monitor = new MixedRedisMonitor(socket);
      OutputStream out = socket.getOutputStream();
      out.write("*2\r\n$10\r\nPSUBSCRIBE\r\n$1\r\n*\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      Thread reader = new Thread(() -> monitor.read(socket), "redis monitor");
      reader.setDaemon(true);
      reader.start();
      if (!monitor.subscribed.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the Redis monitor did not get its PSUBSCRIBE confirmed");
      }
      return monitor;
    } catch (IOException e) {
      throw new AssertionError("could not connect the Redis monitor to port " + port, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void read(Socket socket) {
    try {
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
      while (true) {
        Object reply = readReply(in);
        if (reply instanceof List<?> push && !push.isEmpty() && push.get(0) instanceof byte[] kind) {
          String type = new String(kind, StandardCharsets.US_ASCII);
          if ("psubscribe".equals(type)) {
            subscribed.countDown();
          } else if ("pmessage".equals(type) && push.size() == 4) {
            Message message = new Message(new String((byte[]) push.get(2), StandardCharsets.UTF_8),
                (byte[]) push.get(3));
            synchronized (messages) {
              messages.add(message);
            }
          }
        }
      }
    } catch (IOException closed) {
      // the monitor was closed
    }
  }

  private static Object readReply(DataInputStream in) throws IOException {
    int type = in.read();
    if (type < 0) {
      throw new EOFException();
    }
    String line = readLine(in);
    switch (type) {
      case '+', '-', ':':
        return line;
      case '$': {
        int length = Integer.parseInt(line);
        if (length < 0) {
          return null;
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        readLine(in);
        return bytes;
      }
      case '*': {
        int count = Integer.parseInt(line);
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
          items.add(readReply(in));
        }
        return items;
      }
      default:
        throw new IOException("unexpected RESP type " + (char) type);
    }
  }

  private static String readLine(DataInputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new EOFException();
      }
      line.append((char) c);
    }
    in.read(); // '\n'
    return line.toString();
  }

  /** How many messages were recorded so far; pass it to {@link #since} to see what a step published. */
  int mark() {
    synchronized (messages) {
      return messages.size();
    }
  }

  List<Message> since(int mark) {
    synchronized (messages) {
      return List.copyOf(messages.subList(Math.min(mark, messages.size()), messages.size()));
    }
  }

  /** The messages recorded since {@code mark}, one per line, for failure messages. */
  String transcript(int mark) {
    StringBuilder text = new StringBuilder("--- published on Redis ---\n");
    since(mark).forEach(message -> text.append(message).append('\n'));
    return text.toString();
  }

  static String render(byte[] payload) {
    if (payload.length > 0 && payload[0] == '{') {
      return new String(payload, StandardCharsets.UTF_8);
    }
    try {
      MixedMsgpackText text = new MixedMsgpackText(payload);
      String value = text.next();
      return text.atEnd() ? "msgpack " + value : "msgpack " + value + " (+ trailing bytes)";
    } catch (RuntimeException e) {
      return "(not JSON, not MessagePack: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
