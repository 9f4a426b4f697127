package io.herald.core.adapter;

import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.vertx.core.Context;
import io.vertx.core.internal.ContextInternal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an action for many sockets with one task per event loop: sockets on the caller's event loop are served at
 * once, the others are grouped by event loop and served by one task each.
 *
 * <p>Grouped by event loop, not by context: Vert.x gives each HTTP request, and so each connection, a context of
 * its own on its event loop. Each group is sized up front from the number of sockets expected and of event loops
 * they are likely spread over, so that it does not grow by copying.
 */
final class Fanout {
  private final Consumer<LocalSocket> action;
  private final int expected;
  private final int groupCapacity;
  private int added;
  private boolean servedHere;
  /** The event loop of each group (or its context, for a context that is not an event loop's). */
  private Object[] loops = new Object[0];
  /** A context on the event loop of each group, to run the group's task on. */
  private Context[] contexts = new Context[0];
  private List<LocalSocket>[] groups = newGroups(0);

  /**
   * @param expected about how many sockets will be added (an upper bound is fine)
   * @param loopsHint over how many event loops they are likely spread
   */
  Fanout(Consumer<LocalSocket> action, int expected, int loopsHint) {
    this.action = action;
    this.expected = expected;
    this.groupCapacity = expected / Math.max(1, loopsHint) + 16;
  }

  void add(LocalSocket socket) {
    added++;
    Context context = socket.context();
    Object loop = context;
    if (context instanceof ContextInternal internal) {
      if (internal.inThread()) {
        servedHere = true;
        action.accept(socket);
        return;
      }
      if (internal.isEventLoopContext()) {
        loop = internal.nettyEventLoop();
      }
    }
    for (int i = 0; i < loops.length; i++) {
      if (loops[i] == loop) {
        groups[i].add(socket);
        return;
      }
    }
    int count = loops.length;
    loops = Arrays.copyOf(loops, count + 1);
    contexts = Arrays.copyOf(contexts, count + 1);
    groups = Arrays.copyOf(groups, count + 1);
    loops[count] = loop;
    contexts[count] = context;
    // never more than the sockets still to come
    groups[count] = new ArrayList<>(Math.min(groupCapacity, Math.max(0, expected - added) + 17));
    groups[count].add(socket);
  }

  /** Sends the grouped sockets to their event loops. */
  void run() {
    for (int i = 0; i < contexts.length; i++) {
      List<LocalSocket> group = groups[i];
      contexts[i].runOnContext(v -> group.forEach(action));
    }
  }

  /** The number of event loops the sockets added were on, the caller's included. */
  int loops() {
    return loops.length + (servedHere ? 1 : 0);
  }

  @SuppressWarnings("unchecked")
  private static List<LocalSocket>[] newGroups(int size) {
    return (List<LocalSocket>[]) new List<?>[size];
  }
}
