"use strict";
// Helpers shared by the mixed-cluster scripts: JSON lines in both directions, binary values as {"$binary": base64}.
const readline = require("readline");
const { out, encode, fail } = require("../lib");

/** The inverse of lib.js encode(): {"$binary": base64} becomes a Buffer, {"$undefined": true} undefined. */
function decode(value) {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decode);
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === "$binary") return Buffer.from(value.$binary, "base64");
  if (keys.length === 1 && keys[0] === "$undefined") return undefined;
  const result = {};
  for (const [key, inner] of Object.entries(value)) result[key] = decode(inner);
  return result;
}

/**
 * Calls `handler(command)` for every JSON line on stdin; calls `onEnd()` when stdin closes (the Java test ended).
 * A handler's result (or rejection) is reported as {"event": "result:<id>", ok, ...} when the command has an id.
 */
function commands(handler, onEnd) {
  const lines = readline.createInterface({ input: process.stdin });
  lines.on("line", async (line) => {
    if (!line.trim()) return;
    let command;
    try {
      command = JSON.parse(line);
    } catch (err) {
      out("bad-command", { line, message: err.message });
      return;
    }
    const reply = (fields) => {
      if (command.id !== undefined) out("result:" + command.id, { cmd: command.cmd, ...fields });
    };
    try {
      const value = await handler(command);
      reply({ ok: true, ...(value === undefined ? {} : value) });
    } catch (err) {
      reply({ ok: false, message: String(err && err.message ? err.message : err) });
    }
  });
  lines.on("close", onEnd);
}

/** Reports a failure to connect or a crash of a Redis client instead of dying silently. */
function watchRedis(client, name) {
  client.on("error", (err) => out("redis-error", { client: name, message: String(err && err.message) }));
  return client;
}

module.exports = { out, encode, decode, fail, commands, watchRedis };
