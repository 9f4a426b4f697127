package io.herald.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageSettingsTest {
  private static final Path DATA_DIR = Path.of("/var/lib/herald");

  @Test
  void defaultsToH2FileDatabaseInDataDirectory() {
    StorageSettings settings = StorageSettings.fromEnv(Map.of(), DATA_DIR);

    assertThat(settings.jdbcUrl()).isEqualTo(
        "jdbc:h2:file:/var/lib/herald/herald;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    assertThat(settings.username()).isEqualTo("sa");
    assertThat(settings.password()).isEmpty();
  }

  @Test
  void resolvesRelativeDataDirectory() {
    StorageSettings settings = StorageSettings.fromEnv(Map.of(), Path.of("data"));

    assertThat(settings.jdbcUrl())
        .startsWith("jdbc:h2:file:" + Path.of("data").toAbsolutePath().resolve("herald") + ";");
  }

  @Test
  void switchesToDatabaseFromEnvironment() {
    StorageSettings settings = StorageSettings.fromEnv(Map.of(
        "HERALD_JDBC_URL", "jdbc:postgresql://db:5432/herald",
        "HERALD_JDBC_USER", "herald",
        "HERALD_JDBC_PASSWORD", "s3cret"), DATA_DIR);

    assertThat(settings).isEqualTo(new StorageSettings("jdbc:postgresql://db:5432/herald", "herald", "s3cret"));
  }

  @Test
  void leavesCredentialsToUrlWhenEnvironmentHasNone() {
    StorageSettings settings =
        StorageSettings.fromEnv(Map.of("HERALD_JDBC_URL", "jdbc:postgresql://db/herald?user=a&password=b"), DATA_DIR);

    assertThat(settings.username()).isNull();
    assertThat(settings.password()).isNull();
  }

  @Test
  void ignoresBlankUrl() {
    StorageSettings settings = StorageSettings.fromEnv(Map.of("HERALD_JDBC_URL", "  "), DATA_DIR);

    assertThat(settings.jdbcUrl()).startsWith("jdbc:h2:file:");
  }

  @Test
  void toStringNeverShowsPassword() {
    StorageSettings settings = StorageSettings.fromEnv(Map.of(
        "HERALD_JDBC_URL", "jdbc:postgresql://db/herald?user=herald&password=url-secret&ssl=true",
        "HERALD_JDBC_USER", "herald",
        "HERALD_JDBC_PASSWORD", "env-secret"), DATA_DIR);

    assertThat(settings.toString())
        .isEqualTo("StorageSettings[jdbcUrl=jdbc:postgresql://db/herald?user=herald&password=***&ssl=true,"
            + " username=herald, password=***]")
        .doesNotContain("secret");
  }

  @Test
  void redactsPasswordInH2UrlAndInUserInfo() {
    assertThat(new StorageSettings("jdbc:h2:file:/x;PASSWORD=abc;MODE=PostgreSQL", null, null).redactedJdbcUrl())
        .isEqualTo("jdbc:h2:file:/x;PASSWORD=***;MODE=PostgreSQL");
    assertThat(new StorageSettings("jdbc:mysql://app:abc@db/herald", null, null).redactedJdbcUrl())
        .isEqualTo("jdbc:mysql://app:***@db/herald");
  }

  @Test
  void refusesUrlThatIsNotJdbc() {
    assertThatThrownBy(() -> new StorageSettings("postgres://db/herald?password=abc", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("jdbcUrl: postgres://db/herald?password=*** (expected: jdbc:...)");
  }
}
