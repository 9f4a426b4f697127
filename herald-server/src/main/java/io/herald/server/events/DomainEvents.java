package io.herald.server.events;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How features tell each other what happened without knowing each other: one publishes a record, every
 * subscriber to its type receives it, synchronously, on the publisher's thread. Subscribers must not block.
 */
public final class DomainEvents {
  private static final Logger log = LoggerFactory.getLogger(DomainEvents.class);
  private final Map<Class<?>, List<Consumer<Object>>> subscribers = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public <T> void subscribe(Class<T> type, Consumer<? super T> subscriber) {
    subscribers.computeIfAbsent(type, t -> new CopyOnWriteArrayList<>()).add((Consumer<Object>) subscriber);
  }

  public void publish(Object event) {
    List<Consumer<Object>> list = subscribers.get(event.getClass());
    if (list == null) {
      return;
    }
    for (Consumer<Object> subscriber : list) {
      try {
        subscriber.accept(event);
      } catch (RuntimeException e) {
        log.warn("subscriber to {} failed", event.getClass().getSimpleName(), e);
      }
    }
  }
}
