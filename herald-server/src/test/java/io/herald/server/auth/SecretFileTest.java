package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
  @TempDir
  Path dir;

  @Test
  void generatesAnOwnerOnlySecretOnTheFirstRunAndReusesItLater() throws Exception {
    Path dataDir = dir.resolve("data");

    byte[] first = SecretFile.loadOrCreate(dataDir);
    byte[] second = SecretFile.loadOrCreate(dataDir);

    Path file = dataDir.resolve("jwt-secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(first).hasSize(86).isEqualTo(second);
    assertThat(new String(first, StandardCharsets.UTF_8)).matches("[A-Za-z0-9_-]{86}");
    assertThat(Files.readString(file).strip()).isEqualTo(new String(first, StandardCharsets.UTF_8));
    try (var files = Files.list(dataDir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void generatesADifferentSecretForEachDataDirectory() {
    assertThat(SecretFile.loadOrCreate(dir.resolve("a"))).isNotEqualTo(SecretFile.loadOrCreate(dir.resolve("b")));
  }

  @Test
  void isWhereTokenSettingsFindItsSecretWhenNoneIsSet() {
    TokenSettings first = TokenSettings.fromEnv(Map.of(), dir);
    TokenSettings second = TokenSettings.fromEnv(Map.of(), dir);

    assertThat(first.secret().orElseThrow()).isEqualTo(second.secret().orElseThrow())
        .isEqualTo(SecretFile.loadOrCreate(dir));
  }

  @Test
  void readsASecretSomeoneElseWrote() throws Exception {
    String secret = "written-by-an-operator-and-long-enough-for-hs256";
    Files.writeString(dir.resolve("jwt-secret"), secret + "\n");

    assertThat(SecretFile.loadOrCreate(dir)).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
  }
}
