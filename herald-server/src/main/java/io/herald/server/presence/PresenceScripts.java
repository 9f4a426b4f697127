package io.herald.server.presence;

import io.herald.server.cluster.LuaScript;

/**
 * The Lua script that keeps presence in Redis, atomically, so that each transition happens exactly once in the
 * cluster. Structures (names from {@code ClusterSettings.key}):
 *
 * <ul>
 *   <li>{@code presence:nodes}, a sorted set: node id → the instant (ms, Redis clock) after which the node counts
 *       as crashed unless it refreshes.
 *   <li>{@code presence:node:<id>}, a hash per node: user id → e-mail, the users with a socket on that node.
 *   <li>{@code presence:users}, a hash: user id → how many nodes hold the user; {@code presence:emails}, a hash:
 *       user id → e-mail, exactly the users online.
 * </ul>
 *
 * <p>A call refreshes the node's deadline and applies either changes ({@code delta}: {@code +} user e-mail when
 * the node's first socket of a user arrived, {@code -} user when its last one left; both idempotent) or the
 * node's whole state ({@code full}, sent at every refresh, which also repairs anything lost while Redis was
 * away). A {@code full} call also reaps every other node past its deadline. A {@code delta} from a node Redis
 * does not know (reaped, or Redis restarted empty) changes nothing and answers {@code -1}: the node then sends
 * its full state. Otherwise the answer is {@code {1, {user, e-mail, …} came online, {user, …} went offline}}.
 *
 * <p>Keys: nodes, users, emails, this node's hash. Arguments: node id, ms until the deadline, ms the keys live
 * without refreshes, the node-hash prefix, mode, then the changes or the state ({@code user, e-mail} pairs).
 */
final class PresenceScripts {
  static final LuaScript SYNC = new LuaScript("""
      pcall(redis.replicate_commands)
      local nodes, users, emails, mine = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
      local node, deadline, lifetime = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
      local prefix, mode = ARGV[4], ARGV[5]
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
      local online, offline = {}, {}

      local function add(user, email)
        if redis.call('HSETNX', mine, user, email) == 1 then
          if redis.call('HINCRBY', users, user, 1) == 1 then
            online[#online + 1] = user
            online[#online + 1] = email
          end
        else
          redis.call('HSET', mine, user, email)
        end
        redis.call('HSET', emails, user, email)
      end

      local function drop(user)
        if redis.call('HINCRBY', users, user, -1) <= 0 then
          redis.call('HDEL', users, user)
          redis.call('HDEL', emails, user)
          offline[#offline + 1] = user
        end
      end

      local function remove(user)
        if redis.call('HDEL', mine, user) == 1 then
          drop(user)
        end
      end

      if mode == 'delta' then
        if not redis.call('ZSCORE', nodes, node) then
          return {-1, {}, {}}
        end
        local i = 6
        while i <= #ARGV do
          if ARGV[i] == '+' then
            add(ARGV[i + 1], ARGV[i + 2])
            i = i + 3
          else
            remove(ARGV[i + 1])
            i = i + 2
          end
        end
      else
        local wanted = {}
        for i = 6, #ARGV, 2 do
          wanted[ARGV[i]] = ARGV[i + 1]
        end
        for _, user in ipairs(redis.call('HKEYS', mine)) do
          if not wanted[user] then
            remove(user)
          end
        end
        for user, email in pairs(wanted) do
          add(user, email)
        end
        for _, dead in ipairs(redis.call('ZRANGEBYSCORE', nodes, '-inf', now)) do
          if dead ~= node then
            local key = prefix .. dead
            for _, user in ipairs(redis.call('HKEYS', key)) do
              drop(user)
            end
            redis.call('DEL', key)
            redis.call('ZREM', nodes, dead)
          end
        end
      end

      redis.call('ZADD', nodes, now + deadline, node)
      for _, key in ipairs({nodes, users, emails, mine}) do
        redis.call('PEXPIRE', key, lifetime)
      end
      return {1, online, offline}
      """);

  private PresenceScripts() {}
}
