package io.herald.server.presence;

import io.herald.server.http.ServerTime;
import io.herald.core.server.Namespace;
import io.vertx.core.json.JsonObject;
import java.time.Clock;

/**
 * Tells every socket of {@code /}, on every node (the adapter carries the broadcast), that a user came online
 * ({@code user_online {userId, email, timestamp}}) or went offline ({@code user_offline {userId, timestamp}}).
 * Timestamps are ISO-8601 in UTC with milliseconds, as JavaScript's {@code toISOString()} writes them.
 */
public final class PresenceAnnouncer implements Presence.Transitions {

  private final Namespace root;
  private final Clock clock;

  public PresenceAnnouncer(Namespace root, Clock clock) {
    this.root = root;
    this.clock = clock;
  }

  @Override
  public void online(OnlineUser user) {
    root.emit("user_online", new JsonObject()
        .put("userId", user.userId())
        .put("email", user.email())
        .put("timestamp", ServerTime.iso(clock.instant())));
  }

  @Override
  public void offline(String userId) {
    root.emit("user_offline", new JsonObject()
        .put("userId", userId)
        .put("timestamp", ServerTime.iso(clock.instant())));
  }
}
