package io.herald.server.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs blocking work (JDBC, password hashing, fetching a JWKS) on virtual threads, never on an event loop, and
 * completes the returned future back on the caller's context.
 */
public final class Blocking implements AutoCloseable {
  private final ExecutorService executor =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("herald-blocking-", 0).factory());

  public <T> Future<T> run(Callable<T> task) {
    Context context = Vertx.currentContext();
    Promise<T> promise = Promise.promise();
    executor.execute(() -> {
      T value;
      try {
        value = task.call();
      } catch (Throwable e) {
        complete(context, () -> promise.fail(e));
        return;
      }
      complete(context, () -> promise.complete(value));
    });
    return promise.future();
  }

  private static void complete(Context context, Runnable action) {
    if (context == null) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }

  @Override
  public void close() {
    executor.shutdown();
  }
}
