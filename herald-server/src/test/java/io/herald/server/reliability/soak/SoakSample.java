package io.herald.server.reliability.soak;

import java.util.Locale;

/** One row of the soak CSV. */
record SoakSample(double elapsedSeconds, int openConnections, long connects, long churned, long drops,
    long connectFailures, long pingsSent, Latencies.Summary acks, Latencies.Summary broadcasts,
    ProcessSampler.Memory memory, double load1) {

  static final String HEADER = "elapsed_s,open_connections,connects_total,churned_total,drops_total,"
      + "connect_failures_total,pings_sent_total,acks,ack_p50_ms,ack_p99_ms,ack_max_ms,broadcasts,"
      + "broadcast_p50_ms,broadcast_p99_ms,broadcast_max_ms,heap_used_mb,heap_after_gc_mb,rss_mb,load1";

  String csv() {
    return String.format(Locale.ROOT,
        "%.0f,%d,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%d,%.2f,%.2f,%.2f,%.1f,%.1f,%.1f,%.2f",
        elapsedSeconds, openConnections, connects, churned, drops, connectFailures, pingsSent,
        acks.count(), acks.p50(), acks.p99(), acks.max(), broadcasts.count(), broadcasts.p50(), broadcasts.p99(),
        broadcasts.max(), memory.heapUsedMb(), memory.heapAfterGcMb(), memory.rssMb(), load1);
  }
}
