package io.herald.server.presence;

import io.herald.core.server.Namespace;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Tells every socket of {@code /}, on every node (the adapter carries the broadcast), that a user came online
 * ({@code user_online {userId, email, timestamp}}) or went offline ({@code user_offline {userId, timestamp}}).
 * Timestamps are ISO-8601 in UTC with milliseconds, as JavaScript's {@code toISOString()} writes them.
 */
public final class PresenceAnnouncer implements Presence.Transitions {
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

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
        .put("timestamp", ISO.format(clock.instant())));
  }

  @Override
  public void offline(String userId) {
    root.emit("user_offline", new JsonObject()
        .put("userId", userId)
        .put("timestamp", ISO.format(clock.instant())));
  }
}
