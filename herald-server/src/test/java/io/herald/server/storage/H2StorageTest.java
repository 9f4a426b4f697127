package io.herald.server.storage;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on the embedded default: an H2 file database in a fresh data directory. */
class H2StorageTest extends StorageContract {
  @TempDir
  static Path dataDir;

  private static StorageSettings settings;
  private static Database database;

  @BeforeAll
  static void open() {
    settings = StorageSettings.h2(dataDir);
    database = Database.open(settings);
  }

  @AfterAll
  static void close() {
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
