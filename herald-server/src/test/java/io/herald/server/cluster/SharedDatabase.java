package io.herald.server.cluster;

import io.herald.server.storage.StorageSettings;
import io.herald.server.testing.TestPostgres;
import java.util.Map;

/**
 * One database for several gateways in one test, as they share PostgreSQL in production: a fresh database of its
 * own on the test JVM's real PostgreSQL server ({@link TestPostgres}).
 */
public final class SharedDatabase implements AutoCloseable {
  private final StorageSettings settings;

  private SharedDatabase(StorageSettings settings) {
    this.settings = settings;
  }

  public static SharedDatabase start() {
    return new SharedDatabase(TestPostgres.freshDatabase());
  }

  /** The {@code HERALD_JDBC_*} variables of a node using this database. */
  public Map<String, String> env() {
    return TestPostgres.env(settings);
  }

  /** The database stays until the server stops with the JVM; nothing to release here. */
  @Override
  public void close() {}
}
