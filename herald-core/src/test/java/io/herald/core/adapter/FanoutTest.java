package io.herald.core.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.herald.core.adapter.AdapterHost.LocalSocket;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.ContextInternal;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One task per event loop for a fan-out, and the sockets of the caller's event loop at once. */
class FanoutTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(3));
  private final RecordingHost host = new RecordingHost("/", vertx);

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A context of its own on the event loop of {@code context}, as Vert.x gives each connection. */
  private static Context sameLoop(Context context) {
    return ((ContextInternal) context).duplicate();
  }

  @Test
  void servesTheCallersEventLoopAtOnceAndEachOtherEventLoopWithOneTask() throws Exception {
    List<Context> contexts = oneContextPerEventLoop();
    Context caller = contexts.get(0);
    Context other = contexts.get(1);
    Context third = contexts.get(2);
    List<LocalSocket> sockets = List.of(socket("here", sameLoop(caller)), socket("there1", sameLoop(other)),
        socket("there2", sameLoop(other)), socket("elsewhere", third));
    Map<String, Thread> servedOn = new ConcurrentHashMap<>();
    List<String> order = new CopyOnWriteArrayList<>();
    CompletableFuture<Integer> loopsReached = new CompletableFuture<>();

    caller.runOnContext(v -> {
      // a hint too small on purpose: the groups still take every socket
      Fanout fanout = new Fanout(socket -> {
        servedOn.put(socket.id(), Thread.currentThread());
        order.add(socket.id());
      }, sockets.size(), 1);
      sockets.forEach(fanout::add);
      boolean servedAtOnce = order.equals(List.of("here"));
      fanout.run();
      loopsReached.complete(servedAtOnce ? fanout.loops() : -1);
    });

    assertThat(loopsReached.get(10, TimeUnit.SECONDS)).isEqualTo(3);
    await().atMost(Duration.ofSeconds(10)).until(() -> servedOn.size() == 4);
    assertThat(servedOn).containsEntry("here", thread(caller)).containsEntry("there1", thread(other))
        .containsEntry("there2", thread(other)).containsEntry("elsewhere", thread(third));
    assertThat(order.indexOf("there1")).isLessThan(order.indexOf("there2"));
  }

  /** The contexts of three verticle instances: Vert.x puts each on the next of its three event loops. */
  private List<Context> oneContextPerEventLoop() throws Exception {
    List<Context> contexts = new CopyOnWriteArrayList<>();
    vertx.deployVerticle(() -> new VerticleBase() {
      @Override
      public Future<?> start() {
        contexts.add(context);
        return Future.succeededFuture();
      }
    }, new DeploymentOptions().setInstances(3)).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Set<Thread> threads = new HashSet<>();
    for (Context context : contexts) {
      threads.add(thread(context));
    }
    assertThat(threads).hasSize(3);
    return List.copyOf(contexts);
  }

  private static Thread thread(Context context) throws Exception {
    CompletableFuture<Thread> thread = new CompletableFuture<>();
    context.runOnContext(v -> thread.complete(Thread.currentThread()));
    return thread.get(10, TimeUnit.SECONDS);
  }

  private LocalSocket socket(String id, Context context) {
    return new RecordingLocalSocket(id, context, host);
  }
}
