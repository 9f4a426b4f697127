package io.herald.core.adapter;

import io.herald.core.adapter.AdapterHost.LocalSocket;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The members of a room with more than one, or of a whole namespace, and the array of their sockets that
 * broadcasts iterate: made at the first broadcast after a change, so that a broadcast reads one array instead
 * of a set and each member's socket. Safe for use from any thread.
 */
final class Room {
  private static final LocalSocket[] NONE = new LocalSocket[0];
  private static final VarHandle VERSION;

  static {
    try {
      VERSION = MethodHandles.lookup().findVarHandle(Room.class, "version", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The sockets of the members as they were at {@code version}. */
  private record Sockets(int version, LocalSocket[] sockets) {}

  private final Collection<Member> members;
  private volatile int version;
  private volatile Sockets sockets;

  /** A room of its own members. */
  Room() {
    this(ConcurrentHashMap.newKeySet(4));
  }

  /** A view of {@code members}, which someone else changes and then calls {@link #changed()}. */
  Room(Collection<Member> members) {
    this.members = members;
  }

  /** Adds a member to a room of its own members; call under the lock that orders the changes of this room. */
  void add(Member member) {
    ((Set<Member>) members).add(member);
    changed();
  }

  /** Removes a member from a room of its own members, as {@link #add} does. */
  void remove(Member member) {
    members.remove(member);
    changed();
  }

  /** Marks the array out of date: called once the members have changed, never before. */
  void changed() {
    VERSION.getAndAdd(this, 1);
  }

  int size() {
    return members.size();
  }

  Collection<Member> members() {
    return members;
  }

  /** The member left in a room of one member. */
  Member only() {
    return members.iterator().next();
  }

  /**
   * The sockets of the members. The array is kept until the members change, unless a member's socket is not known
   * yet; it must not be changed.
   */
  LocalSocket[] sockets(AdapterHost namespace) {
    // the version is read before the members: an array made from members changed meanwhile is never used
    int current = version;
    Sockets made = sockets;
    if (made != null && made.version == current) {
      return made.sockets;
    }
    LocalSocket[] array = new LocalSocket[Math.max(1, members.size())];
    int size = 0;
    boolean complete = true;
    for (Member member : members) {
      LocalSocket socket = member.socket(namespace);
      if (socket == null) {
        complete = false;
        continue;
      }
      if (size == array.length) {
        // joined meanwhile
        array = Arrays.copyOf(array, size * 2);
      }
      array[size++] = socket;
    }
    array = size == 0 ? NONE : size == array.length ? array : Arrays.copyOf(array, size);
    if (complete) {
      sockets = new Sockets(current, array);
    }
    return array;
  }
}
