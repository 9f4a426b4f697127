package io.herald.core.internal;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

/**
 * Running work on the context a socket or session belongs to.
 *
 * <p>Vert.x gives every HTTP request its own <em>duplicate</em> of the event-loop context, so the context a
 * session was opened on is almost never the identical object that is current later, even on the same thread.
 * What matters for confinement is the thread: work for a context whose event loop is the current thread runs at
 * once (with that context made current, so timers and handlers it sets up belong to it); other work is handed
 * to the context's event loop.
 */
public final class Contexts {
  private Contexts() {}

  /** Runs {@code action} now if the current thread is {@code context}'s event loop, else as a task there. */
  public static void run(Context context, Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
      return;
    }
    ContextInternal internal = (ContextInternal) context;
    if (internal.inThread()) {
      internal.emit(v -> action.run());
    } else {
      internal.runOnContext(v -> action.run());
    }
  }
}
