package io.herald.server.storage;

import io.herald.server.testing.TestPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a real PostgreSQL server, in a database of its own. */
class PostgresStorageTest extends StorageContract {
  private static StorageSettings settings;
  private static Database database;

  @BeforeAll
  static void start() {
    settings = TestPostgres.freshDatabase();
    database = Database.open(settings);
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      database.close();
    }
  }

  @Override
  Database database() {
    return database;
  }

  @Override
  StorageSettings settings() {
    return settings;
  }
}
