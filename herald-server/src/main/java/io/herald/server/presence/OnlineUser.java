package io.herald.server.presence;

import java.util.Objects;

/**
 * A user with at least one authenticated socket on {@code /}, on any node.
 *
 * @param userId the user's id
 * @param email the user's e-mail address, {@code null} when the token carried none
 */
public record OnlineUser(String userId, String email) {
  public OnlineUser {
    Objects.requireNonNull(userId, "userId");
  }
}
