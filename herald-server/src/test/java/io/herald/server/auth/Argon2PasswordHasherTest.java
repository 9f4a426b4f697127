package io.herald.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

  @Test
  void encodesHashesAsPhcStringsWithTheOwaspParameters() {
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hash).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
    assertThat(hasher.needsRehash(hash)).isFalse();
  }

  @Test
  void matchesTheRightPasswordOnly() {
    String hash = hasher.hash("correct horse battery staple");

    assertThat(hasher.matches("correct horse battery staple", hash)).isTrue();
    assertThat(hasher.matches("correct horse battery stapler", hash)).isFalse();
    assertThat(hasher.matches("", hash)).isFalse();
  }

  @Test
  void hashesNonAsciiPasswordsAsUtf8() {
    String hash = hasher.hash("пароль-密码-🔑");

    assertThat(hasher.matches("пароль-密码-🔑", hash)).isTrue();
    assertThat(hasher.matches("пароль-密码-", hash)).isFalse();
  }

  @Test
  void saltsEachHashDifferently() {
    assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
  }

  @Test
  void readsTheParametersFromTheHash() {
    // The example in the reference implementation's README: echo -n password | argon2 somesalt -t 2 -m 16 -p 4 -l 24
    String reference = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";

    assertThat(hasher.matches("password", reference)).isTrue();
    assertThat(hasher.matches("Password", reference)).isFalse();
    assertThat(hasher.needsRehash(reference)).isTrue();
  }

  @Test
  void answersFalseForMalformedHashes() {
    String good = hasher.hash("password");

    assertThat(hasher.matches("password", "")).isFalse();
    assertThat(hasher.matches("password", null)).isFalse();
    assertThat(hasher.matches("password", "plain-text-password")).isFalse();
    assertThat(hasher.matches("password", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy")).isFalse();
    assertThat(hasher.matches("password", good.replace("v=19", "v=99"))).isFalse();
    assertThat(hasher.matches("password", good.replace("m=19456", "m=999999999"))).isFalse();
    assertThat(hasher.matches("password", good.replace("t=2", "t=0"))).isFalse();
    assertThat(hasher.matches("password", good.substring(0, good.length() - 1) + "!")).isFalse();
    assertThat(hasher.matches("password", good.substring(0, good.lastIndexOf('$')))).isFalse();
  }

  @Test
  void refusesPasswordsLongerThan1024Characters() {
    assertThat(hasher.matches("x".repeat(1024), hasher.hash("x".repeat(1024)))).isTrue();
    assertThatThrownBy(() -> hasher.hash("x".repeat(1025)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("password: 1025 characters (expected: at most 1024)");
    assertThatThrownBy(() -> hasher.matches("x".repeat(1025), "$argon2id$v=19$m=19456,t=2,p=1$AAAA$AAAA"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
