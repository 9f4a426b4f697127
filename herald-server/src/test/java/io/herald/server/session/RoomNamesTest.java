package io.herald.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoomNamesTest {
  @Test
  void reservedPrefixesAreMatchedWhateverTheirCase() {
    assertThat(RoomNames.isReserved("user:1")).isTrue();
    assertThat(RoomNames.isReserved("User:1")).isTrue();
    assertThat(RoomNames.isReserved("CLIENT:x")).isTrue();
    assertThat(RoomNames.isReserved("session:x")).isTrue();
    assertThat(RoomNames.isReserved("media:x")).isTrue();
    assertThat(RoomNames.isReserved("admin")).isTrue();
    assertThat(RoomNames.isReserved("admins-only")).isTrue();
  }

  @Test
  void ordinaryNamesAreNotReservedEvenWhenTheyContainAReservedWord() {
    assertThat(RoomNames.isReserved("project-123")).isFalse();
    assertThat(RoomNames.isReserved("users")).isFalse();
    assertThat(RoomNames.isReserved("my-user:1")).isFalse();
    assertThat(RoomNames.isReserved("sysadmin")).isFalse();
  }
}
