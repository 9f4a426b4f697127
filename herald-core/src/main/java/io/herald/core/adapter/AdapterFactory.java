package io.herald.core.adapter;

/** Creates the adapter of each namespace. */
@FunctionalInterface
public interface AdapterFactory {
  AdapterFactory MEMORY = MemoryAdapter::new;

  Adapter create(AdapterHost namespace);
}
