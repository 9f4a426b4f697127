package io.herald.core.adapter;

import io.herald.core.adapter.AdapterHost.LocalSocket;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A socket in at least one room of a {@link MemoryAdapter}: its id, its rooms, and the socket itself so that a
 * broadcast reaches it without looking it up. Rooms change only under the adapter's lock for the id; they may be
 * read from any thread.
 */
final class Member {
  private final String id;
  /** No room ({@code null}), one room (a {@code String}, usually the socket's own), or an immutable set of them. */
  private volatile Object rooms;
  /**
   * Looked up at the first broadcast that reaches the member, not when it joins: a socket that joins as it
   * disconnects (and so stays a member by mistake) is then no longer in the namespace, and is not kept here.
   */
  private volatile LocalSocket socket;

  Member(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  /** The socket, looked up once and then kept; null while the namespace does not know it. */
  LocalSocket socket(AdapterHost namespace) {
    LocalSocket known = socket;
    if (known == null) {
      known = namespace.socket(id);
      socket = known;
    }
    return known;
  }

  @SuppressWarnings("unchecked")
  Set<String> rooms() {
    Object current = rooms;
    return switch (current) {
      case null -> Set.of();
      case String room -> Set.of(room);
      default -> (Set<String>) current;
    };
  }

  boolean inNoRoom() {
    return rooms == null;
  }

  /** Joins {@code newRooms}; returns those it was not in yet. */
  List<String> join(Set<String> newRooms) {
    Set<String> current = rooms();
    List<String> joined = new ArrayList<>(newRooms.size());
    for (String room : newRooms) {
      if (!current.contains(room)) {
        joined.add(room);
      }
    }
    if (joined.isEmpty()) {
      return joined;
    }
    if (current.isEmpty() && joined.size() == 1) {
      rooms = joined.get(0);
    } else {
      Set<String> all = new HashSet<>(current);
      all.addAll(joined);
      rooms = Set.copyOf(all);
    }
    return joined;
  }

  /** Leaves {@code room}; returns whether it was in it. */
  boolean leave(String room) {
    Set<String> current = rooms();
    if (!current.contains(room)) {
      return false;
    }
    if (current.size() == 1) {
      rooms = null;
    } else if (current.size() == 2) {
      rooms = current.stream().filter(other -> !other.equals(room)).findFirst().orElseThrow();
    } else {
      Set<String> rest = new HashSet<>(current);
      rest.remove(room);
      rooms = Set.copyOf(rest);
    }
    return true;
  }

  /** Leaves every room; returns those it was in. */
  Set<String> leaveAll() {
    Set<String> left = rooms();
    rooms = null;
    return left;
  }

  @Override
  public String toString() {
    return "Member{" + id + " " + rooms() + "}";
  }
}
