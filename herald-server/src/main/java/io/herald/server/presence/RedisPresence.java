package io.herald.server.presence;

import io.herald.server.cluster.ClusterSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presence shared by every node through Redis ({@link PresenceScripts}). This node counts its own sockets in a
 * {@link LocalPresence}; when a user's first socket arrives here or the last one leaves, that change is queued
 * and sent to Redis, which decides whether the user came online or went offline for the whole cluster, once.
 *
 * <p>One script call is in flight at a time and carries every change queued meanwhile, so changes reach Redis
 * in order and in batches. Every {@code ttl / 3} the node sends its whole state, which refreshes its deadline
 * ({@code 2/3 ttl} ahead), repairs anything lost while Redis was away, and reaps nodes past their deadline: a
 * crashed node's users are dropped, and announced offline, at most {@code ttl} after its last refresh.
 */
public final class RedisPresence implements Presence {
  private static final Logger log = LoggerFactory.getLogger(RedisPresence.class);

  private final Vertx vertx;
  private final Redis redis;
  private final Transitions transitions;
  private final String nodeId;
  private final List<String> keys;
  private final List<String> fixedArgs;
  private final String emailsKey;
  private final String nodesKey;
  private final LocalPresence local = new LocalPresence(new NodeChanges());
  /** User id → its e-mail (came here) or {@code null} (left here), not sent yet. */
  private final Map<String, String> queued = new LinkedHashMap<>();
  private final long timer;
  private boolean inFlight;
  private boolean fullStateDue = true;
  private boolean closed;
  private boolean failing;

  public RedisPresence(Vertx vertx, Redis redis, ClusterSettings settings, String nodeId, Transitions transitions) {
    this.vertx = vertx;
    this.redis = redis;
    this.transitions = transitions;
    this.nodeId = nodeId;
    this.nodesKey = settings.key("presence:nodes");
    this.emailsKey = settings.key("presence:emails");
    String nodePrefix = settings.key("presence:node:");
    this.keys = List.of(nodesKey, settings.key("presence:users"), emailsKey, nodePrefix + nodeId);
    Duration ttl = settings.presenceTtl();
    long refreshMs = Math.max(100, ttl.toMillis() / 3);
    long lifetimeMs = Math.max(ttl.toMillis() * 10, 60_000);
    this.fixedArgs = List.of(nodeId, Long.toString(ttl.toMillis() - refreshMs), Long.toString(lifetimeMs), nodePrefix);
    this.timer = vertx.setPeriodic(1, refreshMs, id -> refresh());
  }

  @Override
  public synchronized void socketJoined(OnlineUser user) {
    if (!closed) {
      local.socketJoined(user);
    }
  }

  @Override
  public synchronized void socketLeft(String userId) {
    if (!closed) {
      local.socketLeft(userId);
    }
  }

  @Override
  public Future<List<OnlineUser>> onlineUsers() {
    return redis.send(Request.cmd(Command.HGETALL).arg(emailsKey)).map(RedisPresence::users).recover(failure -> {
      log.debug("listing online users from this node only: {}", failure.getMessage());
      return Future.succeededFuture(local.snapshot());
    });
  }

  /** This node's id in Redis. */
  public String nodeId() {
    return nodeId;
  }

  /** Stops refreshing and asks the other nodes to drop this node's users at their next refresh. */
  @Override
  public void close() {
    leave();
  }

  /** {@link #close()}, completing once Redis has recorded it. */
  public Future<Void> leave() {
    if (!halt()) {
      return Future.succeededFuture();
    }
    return redis.send(Request.cmd(Command.ZADD).arg(nodesKey).arg(0).arg(nodeId)).mapEmpty();
  }

  /** Stops refreshing without a word to Redis, as a crash would; false if already stopped. */
  synchronized boolean halt() {
    if (closed) {
      return false;
    }
    closed = true;
    vertx.cancelTimer(timer);
    local.close();
    queued.clear();
    return true;
  }

  private synchronized void refresh() {
    fullStateDue = true;
    flush();
  }

  private void flush() {
    List<String> args;
    synchronized (this) {
      if (inFlight || closed || (!fullStateDue && queued.isEmpty())) {
        return;
      }
      args = new ArrayList<>(fixedArgs);
      if (fullStateDue) {
        args.add("full");
        local.snapshot().forEach(user -> {
          args.add(user.userId());
          args.add(emailText(user.email()));
        });
      } else {
        args.add("delta");
        queued.forEach((userId, email) -> {
          args.add(email == null ? "-" : "+");
          args.add(userId);
          if (email != null) {
            args.add(email);
          }
        });
      }
      fullStateDue = false;
      queued.clear();
      inFlight = true;
    }
    PresenceScripts.SYNC.run(redis, keys, args).onComplete(done -> {
      synchronized (this) {
        inFlight = false;
        if (done.failed()) {
          fullStateDue = true; // sent again at the next refresh
        }
      }
      if (done.failed()) {
        failed(done.cause());
        return;
      }
      recovered();
      applied(done.result());
      flush();
    });
  }

  private void applied(Response reply) {
    if (reply.get(0).toInteger() < 0) {
      synchronized (this) {
        fullStateDue = true;
      }
      return;
    }
    Response online = reply.get(1);
    for (int i = 0; i + 1 < online.size(); i += 2) {
      String email = online.get(i + 1).toString();
      transitions.online(new OnlineUser(online.get(i).toString(), email.isEmpty() ? null : email));
    }
    for (Response userId : reply.get(2)) {
      transitions.offline(userId.toString());
    }
  }

  private synchronized void failed(Throwable cause) {
    if (!failing) {
      failing = true;
      log.warn("presence could not reach Redis ({}); this node keeps counting and resends its state", cause.getMessage());
    }
  }

  private synchronized void recovered() {
    if (failing) {
      failing = false;
      log.info("presence reaches Redis again");
    }
  }

  private static List<OnlineUser> users(Response all) {
    List<OnlineUser> users = new ArrayList<>();
    if (all == null) {
      return users;
    }
    if (all.isMap()) {
      for (String userId : all.getKeys()) {
        String email = all.get(userId).toString();
        users.add(new OnlineUser(userId, email.isEmpty() ? null : email));
      }
      return users;
    }
    for (int i = 0; i + 1 < all.size(); i += 2) {
      String email = all.get(i + 1).toString();
      users.add(new OnlineUser(all.get(i).toString(), email.isEmpty() ? null : email));
    }
    return users;
  }

  private static String emailText(String email) {
    return email == null ? "" : email;
  }

  /** This node's own transitions (first socket here, last socket gone from here), queued for Redis. */
  private final class NodeChanges implements Transitions {
    @Override
    public void online(OnlineUser user) {
      change(user.userId(), emailText(user.email()));
    }

    @Override
    public void offline(String userId) {
      change(userId, null);
    }

    /** Called under the presence's lock; a change undoing a queued one cancels it. */
    private void change(String userId, String email) {
      if (queued.containsKey(userId) && (queued.get(userId) == null) != (email == null)) {
        queued.remove(userId);
      } else {
        queued.put(userId, email);
      }
      vertx.runOnContext(v -> flush());
    }
  }
}
