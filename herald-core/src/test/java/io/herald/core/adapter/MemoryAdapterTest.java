package io.herald.core.adapter;

/** The contract for the adapter of a single node. */
class MemoryAdapterTest extends AdapterContract {
  @Override
  protected Adapter newAdapter(RecordingHost host) {
    return new MemoryAdapter(host);
  }

  @Override
  protected boolean clustered() {
    return false;
  }
}
