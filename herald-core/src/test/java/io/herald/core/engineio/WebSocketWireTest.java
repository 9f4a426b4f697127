package io.herald.core.engineio;

import static org.assertj.core.api.Assertions.assertThat;

import io.herald.core.engineio.EngineConnection.CloseReason;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket transport at the level of bytes on the wire (RFC 6455), with a plain TCP socket: the handshake,
 * control frames, masking, UTF-8, frames split across reads, and the close handshake.
 */
class WebSocketWireTest {
  private static final String PATH = "/engine.io/?EIO=4&transport=websocket";
  private RawEngineServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = RawEngineServer.start(EngineOptions.builder().pingInterval(Duration.ofSeconds(10))
        .pingTimeout(Duration.ofSeconds(5)).build());
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
  }

  @Test
  void handshakeAnswersWithTheAcceptKeyOfTheRfcExampleAndTheFirstOfferedSubprotocol() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      String response = wire.handshake("dGhlIHNhbXBsZSBub25jZQ==", "13", "chat, superchat");

      assertThat(response).startsWith("HTTP/1.1 101 ")
          .containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
          .containsIgnoringCase("Sec-WebSocket-Protocol: chat\r\n");
      assertThat(wire.readText()).startsWith("0{\"sid\":");
    }
  }

  @Test
  void handshakeWithoutAValidKeyOrVersionIsRefusedWith400() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      assertThat(wire.handshake("not-a-key", "13", null)).startsWith("HTTP/1.1 400 ");
    }
    try (Wire wire = new Wire(server.port)) {
      assertThat(wire.handshake(Wire.KEY, "12", null)).startsWith("HTTP/1.1 400 ");
    }
  }

  @Test
  void aMessageArrivingOneByteAtATimeIsReassembled() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      wire.open();
      byte[] frame = Wire.frame(0x81, "4slowly, byte by byte".getBytes(StandardCharsets.UTF_8), true);
      for (byte b : frame) {
        wire.out.write(b);
        wire.out.flush();
      }

      assertThat(wire.readText()).isEqualTo("4slowly, byte by byte");
    }
  }

  @Test
  void pingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      wire.open();
      wire.send(Wire.frame(0x89, new byte[] {1, 2, 3}, true));

      Frame pong = wire.read();
      assertThat(pong.opcode).isEqualTo(0xA);
      assertThat(pong.payload).containsExactly(1, 2, 3);
      wire.send(Wire.frame(0x81, "4still here".getBytes(StandardCharsets.UTF_8), true));
      assertThat(wire.readText()).isEqualTo("4still here");
    }
  }

  @Test
  void clientCloseIsAnsweredWithItsStatusCodeAndTheSessionEndsWithTransportClose() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      String sid = wire.open();
      wire.send(Wire.frame(0x88, new byte[] {0x03, (byte) 0xE9}, true)); // 1001 going away

      Frame close = wire.read();
      assertThat(close.opcode).isEqualTo(0x8);
      assertThat(close.code()).isEqualTo(1001);
      assertThat(wire.endOfStream()).isTrue();
      assertThat(server.awaitClose(sid).reason()).isEqualTo(CloseReason.TRANSPORT_CLOSE);
    }
  }

  @Test
  void anUnmaskedFrameClosesTheConnectionWithProtocolError() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      String sid = wire.open();
      wire.send(Wire.frame(0x81, "4hello".getBytes(StandardCharsets.UTF_8), false));

      assertThat(wire.read().code()).isEqualTo(1002);
      assertThat(server.awaitClose(sid).description()).contains("unmasked frame");
    }
  }

  @Test
  void reservedBitsCloseTheConnectionWithProtocolError() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      String sid = wire.open();
      wire.send(Wire.frame(0xC1, "4deflated?".getBytes(StandardCharsets.UTF_8), true));

      assertThat(wire.read().code()).isEqualTo(1002);
      assertThat(server.awaitClose(sid).description()).contains("reserved bits");
    }
  }

  @Test
  void aTextMessageThatIsNotUtf8ClosesTheConnectionWithInvalidData() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      String sid = wire.open();
      wire.send(Wire.frame(0x81, new byte[] {'4', (byte) 0xC3, (byte) 0x28}, true));

      assertThat(wire.read().code()).isEqualTo(1007);
      assertThat(server.awaitClose(sid).description()).contains("not valid UTF-8");
    }
  }

  @Test
  void anOversizedPingClosesTheConnectionWithProtocolError() throws Exception {
    try (Wire wire = new Wire(server.port)) {
      wire.open();
      wire.send(Wire.frame(0x89, new byte[126], true));

      assertThat(wire.read().code()).isEqualTo(1002);
    }
  }

  /** One frame from the server. */
  record Frame(int opcode, byte[] payload) {
    int code() {
      assertThat(opcode).as("a close frame").isEqualTo(0x8);
      return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    }
  }

  /** A WebSocket client written against the RFC, byte by byte. */
  private static final class Wire implements AutoCloseable {
    static final String KEY = "x3JJHMbDL1EzLkh9GBhXDw==";
    private final Socket socket;
    final OutputStream out;
    private final DataInputStream in;

    Wire(int port) throws IOException {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(5_000);
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
    }

    String handshake(String key, String version, String protocols) throws IOException {
      out.write(request(key, version, protocols));
      out.flush();
      return readHead();
    }

    /** Handshakes, reads the open packet and returns the sid. */
    String open() throws IOException {
      assertThat(handshake(KEY, "13", null)).startsWith("HTTP/1.1 101 ");
      String open = readText();
      assertThat(open).startsWith("0{\"sid\":\"");
      return open.substring(9, open.indexOf('"', 9));
    }

    private static byte[] request(String key, String version, String protocols) {
      return ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: " + version + "\r\n"
          + (protocols == null ? "" : "Sec-WebSocket-Protocol: " + protocols + "\r\n") + "\r\n")
          .getBytes(StandardCharsets.US_ASCII);
    }

    private String readHead() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      return head.toString(StandardCharsets.US_ASCII);
    }

    static byte[] frame(int firstByte, byte[] payload, boolean masked) {
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(firstByte);
      int maskBit = masked ? 0x80 : 0;
      if (payload.length < 126) {
        frame.write(maskBit | payload.length);
      } else {
        frame.write(maskBit | 126);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      if (masked) {
        frame.writeBytes(mask);
      }
      for (int i = 0; i < payload.length; i++) {
        frame.write(masked ? payload[i] ^ mask[i & 3] : payload[i]);
      }
      return frame.toByteArray();
    }

    void send(byte[] frame) throws IOException {
      out.write(frame);
      out.flush();
    }

    Frame read() throws IOException {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      assertThat(b1 & 0x80).as("server frames are not masked").isZero();
      long length = b1 & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(b0 & 0x0F, payload);
    }

    String readText() throws IOException {
      Frame frame = read();
      assertThat(frame.opcode).as("a text frame").isEqualTo(0x1);
      return new String(frame.payload, StandardCharsets.UTF_8);
    }

    boolean endOfStream() throws IOException {
      InputStream raw = socket.getInputStream();
      return raw.read() < 0;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
