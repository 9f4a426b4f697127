package io.herald.core.adapter;

import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an action for many sockets with one task per event loop: sockets on the caller's context are served
 * at once, the others are grouped by context and served by one task each.
 */
final class Fanout {
  private final Context current = Vertx.currentContext();
  private final Consumer<LocalSocket> action;
  private Context[] contexts = new Context[0];
  private List<LocalSocket>[] groups = newGroups(0);

  Fanout(Consumer<LocalSocket> action) {
    this.action = action;
  }

  void add(LocalSocket socket) {
    Context context = socket.context();
    if (context == current) {
      action.accept(socket);
      return;
    }
    for (int i = 0; i < contexts.length; i++) {
      if (contexts[i] == context) {
        groups[i].add(socket);
        return;
      }
    }
    Context[] moreContexts = Arrays.copyOf(contexts, contexts.length + 1);
    List<LocalSocket>[] moreGroups = Arrays.copyOf(groups, groups.length + 1);
    moreContexts[contexts.length] = context;
    moreGroups[groups.length] = new ArrayList<>();
    moreGroups[groups.length].add(socket);
    contexts = moreContexts;
    groups = moreGroups;
  }

  /** Sends the grouped sockets to their contexts. */
  void run() {
    for (int i = 0; i < contexts.length; i++) {
      List<LocalSocket> group = groups[i];
      contexts[i].runOnContext(v -> group.forEach(action));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<LocalSocket>[] newGroups(int size) {
    return (List<LocalSocket>[]) new List<?>[size];
  }
}
