package io.herald.core.server;

import io.herald.core.adapter.SocketDetails;
import java.util.Map;
import java.util.Set;

/** A socket on another node, reached through broadcasts to its own room. */
final class RemoteSocketProxy implements RemoteSocket {
  private final SocketDetails details;
  private final BroadcastOperator self;

  RemoteSocketProxy(SocketDetails details, BroadcastOperator namespace) {
    this.details = details;
    this.self = namespace.to(details.id());
  }

  @Override
  public String id() {
    return details.id();
  }

  @Override
  public Object handshake() {
    return details.handshake();
  }

  @Override
  public Set<String> rooms() {
    return details.rooms();
  }

  @Override
  public Map<String, Object> data() {
    return details.data();
  }

  @Override
  public void emit(String event, Object... args) {
    self.emit(event, args);
  }

  @Override
  public void join(String... rooms) {
    self.socketsJoin(rooms);
  }

  @Override
  public void leave(String room) {
    self.socketsLeave(room);
  }

  @Override
  public void disconnect(boolean close) {
    self.disconnectSockets(close);
  }
}
