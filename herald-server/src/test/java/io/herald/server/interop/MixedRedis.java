package io.herald.server.interop;

import java.io.IOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/** A real redis-server (shipped in the embedded-redis artifact) on a free port of 127.0.0.1, without persistence. */
final class MixedRedis implements AutoCloseable {

  private final RedisServer server;
  private final int port;

  private MixedRedis(RedisServer server, int port) {
    this.server = server;
    this.port = port;
  }

  static MixedRedis start() {
    try {
      int port = freePort();
      RedisServer server = RedisServer.newRedisServer()
          .port(port)
          .bind("127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .build();
      server.start();
      return new MixedRedis(server, port);
    } catch (IOException e) {
      throw new AssertionError("could not start the embedded Redis server", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  int port() {
    return port;
  }

  String url() {
    return "redis://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException ignored) {
      // stopping anyway
    }
  }
}
