package io.herald.server.cluster;

import java.sql.SQLException;
import java.util.Map;
import org.h2.tools.Server;

/**
 * One database for several gateways in one test: an in-memory H2 database served over TCP on 127.0.0.1, so that
 * every node sees the same users (as they would share PostgreSQL in production). Starts in milliseconds.
 */
public final class SharedDatabase implements AutoCloseable {
  private static final String H2_OPTIONS = ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
      + ";DEFAULT_NULL_ORDERING=HIGH";

  private final Server server;
  private final String name;

  private SharedDatabase(Server server, String name) {
    this.server = server;
    this.name = name;
  }

  public static SharedDatabase start() {
    try {
      Server server = Server.createTcpServer("-tcpPort", Integer.toString(TestRedis.freePort()), "-ifNotExists").start();
      return new SharedDatabase(server, "herald" + System.nanoTime());
    } catch (SQLException e) {
      throw new IllegalStateException("could not start the H2 TCP server", e);
    }
  }

  /** The {@code HERALD_JDBC_*} variables of a node using this database. */
  public Map<String, String> env() {
    return Map.of(
        "HERALD_JDBC_URL", "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name + H2_OPTIONS,
        "HERALD_JDBC_USER", "sa",
        "HERALD_JDBC_PASSWORD", "");
  }

  @Override
  public void close() {
    server.stop();
  }
}
