package io.herald.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening and closing; what the schema holds is in {@link StorageContract}. */
class DatabaseTest {
  @TempDir
  Path dataDir;

  @Test
  void createsH2FileInDataDirectory() {
    try (Database database = Database.open(StorageSettings.h2(dataDir))) {
      assertThat(dataDir.resolve("herald.mv.db")).exists();
      assertThat(database.toString()).startsWith("Database[jdbc:h2:file:");
    }
  }

  @Test
  void poolsAFewConnectionsUnderTheNameHerald() {
    try (Database database = Database.open(StorageSettings.h2(dataDir))) {
      HikariDataSource pool = (HikariDataSource) database.dataSource();
      assertThat(pool.getPoolName()).isEqualTo("herald");
      assertThat(pool.getMaximumPoolSize()).isEqualTo(10);
    }
  }

  @Test
  void closingClosesThePool() {
    Database database = Database.open(StorageSettings.h2(dataDir));

    database.close();

    assertThatThrownBy(() -> database.dataSource().getConnection()).isInstanceOf(SQLException.class);
  }

  @Test
  void failsClearlyWithoutShowingPasswordWhenPostgresIsUnreachable() throws IOException {
    int port = freePort();
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/herald?connectTimeout=5";
    StorageSettings settings = new StorageSettings(url + "&password=url-secret", "herald", "env-secret");

    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot open database " + url + "&password=***: Connection to 127.0.0.1:" + port
            + " refused")
        .satisfies(e -> assertThat(messages(e)).noneMatch(message -> message.contains("secret")));
  }

  @Test
  void failsClearlyWithoutShowingPasswordWhenNoDriverKnowsUrl() {
    StorageSettings settings = new StorageSettings("jdbc:nosuchdb://db/herald?password=url-secret", null, null);

    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(StorageException.class)
        .hasMessageStartingWith("cannot open database jdbc:nosuchdb://db/herald?password=***: ")
        .satisfies(e -> assertThat(messages(e)).noneMatch(message -> message.contains("secret")));
  }

  /** The messages of {@code e} and of its causes. */
  private static List<String> messages(Throwable e) {
    List<String> messages = new ArrayList<>();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.add(String.valueOf(t.getMessage()));
    }
    return messages;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
