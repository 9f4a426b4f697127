package io.herald.server.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The storage contract on a real PostgreSQL server, started for this class and stopped after it. */
class PostgresStorageTest extends StorageContract {
  private static EmbeddedPostgres postgres;
  private static StorageSettings settings;
  private static Database database;

  @BeforeAll
  static void start() throws IOException {
    postgres = TestPostgres.start();
    settings = TestPostgres.settings(postgres);
    database = Database.open(settings);
  }

  @AfterAll
  static void stop() throws IOException {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
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
