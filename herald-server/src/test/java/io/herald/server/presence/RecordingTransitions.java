package io.herald.server.presence;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records transitions as {@code online:<userId>:<email>} and {@code offline:<userId>}. */
final class RecordingTransitions implements Presence.Transitions {
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Override
  public void online(OnlineUser user) {
    seen.add("online:" + user.userId() + ":" + user.email());
  }

  @Override
  public void offline(String userId) {
    seen.add("offline:" + userId);
  }

  List<String> seen() {
    return List.copyOf(seen);
  }
}
