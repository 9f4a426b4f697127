package io.herald.core.adapter;

import java.util.Set;

/**
 * Which sockets a broadcast reaches and how.
 *
 * @param rooms the rooms to reach; empty means every socket of the namespace
 * @param except the rooms whose sockets are left out
 * @param volatileDelivery drop the packet for sockets that cannot take it right now
 * @param local stay on this node, even with a cluster adapter
 */
public record BroadcastOptions(Set<String> rooms, Set<String> except, boolean volatileDelivery, boolean local) {
  public static final BroadcastOptions ALL = new BroadcastOptions(Set.of(), Set.of(), false, false);

  public BroadcastOptions {
    rooms = Set.copyOf(rooms);
    except = Set.copyOf(except);
  }
}
