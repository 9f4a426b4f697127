package io.herald.core.server;

/** Answers an event that the client sent with an acknowledgement callback. */
public interface Ack {
  /** An ack for an event that asked for none: {@link #send} does nothing. */
  Ack NONE = new Ack() {
    @Override
    public boolean requested() {
      return false;
    }

    @Override
    public void send(Object... args) {}
  };

  /** Whether the client asked for an acknowledgement. */
  boolean requested();

  /** Sends the acknowledgement with these arguments. Only the first call counts. */
  void send(Object... args);
}
