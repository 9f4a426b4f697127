package io.herald.server.auth;

import io.herald.core.server.Namespace;
import io.herald.server.events.DomainEvents;

/**
 * Carries {@link UserRevoked} to the live connections of the user on every node: on this node through
 * {@link LiveSessions}, to the others as a server-side event on {@code /} (a no-op without a cluster adapter).
 */
public final class Revocations {
  static final String EVENT = "herald:user-revoked";

  private Revocations() {}

  public static void install(DomainEvents events, LiveSessions live, Namespace root) {
    events.subscribe(UserRevoked.class, revoked -> {
      revokeHere(live, revoked.userId(), revoked.reason());
      root.serverSideEmit(EVENT, revoked.userId(), revoked.reason());
    });
    root.onServerSideEmit(EVENT, (args, ack) -> {
      if (args.size() >= 2 && args.get(0).isTextual()) {
        revokeHere(live, args.get(0).asText(), args.get(1).asText());
      }
    });
  }

  private static void revokeHere(LiveSessions live, String userId, String reason) {
    live.revokeUser(userId, AuthFailure.Code.TOKEN_REVOKED, "token revoked: " + reason);
  }
}
