package io.herald.server.reliability.soak;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's clients counted and timed, shared by all of them. */
final class SoakStats {
  final Latencies acks = new Latencies();
  final Latencies broadcasts = new Latencies();
  final LongAdder pingsSent = new LongAdder();
  final LongAdder connects = new LongAdder();
  final LongAdder connectFailures = new LongAdder();
  final LongAdder drops = new LongAdder();
  final LongAdder churned = new LongAdder();
  final LongAdder broadcastsSent = new LongAdder();
  final LongAdder maintenanceNotices = new LongAdder();
  private final Map<String, Long> lastBroadcast = new ConcurrentHashMap<>();

  /** A user's {@code /api/ws} connection sent an update now; its room's sockets time their copies against it. */
  void broadcastSent(String userId) {
    broadcastsSent.increment();
    lastBroadcast.put(userId, System.nanoTime());
  }

  void broadcastReceived(String userId) {
    Long sent = lastBroadcast.get(userId);
    if (sent != null) {
      broadcasts.record(System.nanoTime() - sent);
    }
  }
}
