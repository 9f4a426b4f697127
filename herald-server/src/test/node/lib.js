"use strict";
// Shared helpers for the interop client scripts.
//
// Every observation is written to stdout as ONE JSON object per line, always with an "event" field.
// Binary values are written as {"$binary": "<base64>"} so that the Java side can compare bytes exactly.
// Anything that is not an observation goes to stderr.

/** Writes one observation as a JSON line on stdout. */
function out(event, fields = {}) {
  process.stdout.write(JSON.stringify({ event, ...fields }) + "\n");
}

function isBinary(value) {
  return Buffer.isBuffer(value) || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function toBuffer(value) {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

/** Turns any received value into plain JSON, replacing binary values by {"$binary": base64}. */
function encode(value) {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value !== "object") return value;
  if (isBinary(value)) return { $binary: toBuffer(value).toString("base64") };
  if (Array.isArray(value)) return value.map(encode);
  const result = {};
  for (const [key, inner] of Object.entries(value)) result[key] = encode(inner);
  return result;
}

/**
 * Transport modes accepted on the command line:
 *   websocket -> transports ["websocket"]
 *   polling   -> transports ["polling"], upgrade: false
 *   upgrade   -> transports ["polling", "websocket"] (starts with polling, then upgrades)
 */
function transportOptions(mode) {
  switch (mode) {
    case "websocket":
      return { transports: ["websocket"] };
    case "polling":
      return { transports: ["polling"], upgrade: false };
    case "upgrade":
      return { transports: ["polling", "websocket"], upgrade: true };
    default:
      throw new Error("unknown transport mode: " + mode);
  }
}

/** Exits with code 3 (after reporting) if the script has not finished within `ms`. */
function watchdog(ms) {
  const timer = setTimeout(() => {
    out("timeout", { afterMs: ms });
    process.exit(3);
  }, ms);
  timer.unref();
}

/** Resolves with the first emission of `event` on `emitter` (with all its arguments as an array). */
function once(emitter, event) {
  return new Promise((resolve) => emitter.once(event, (...args) => resolve(args)));
}

/** Reports an unexpected failure and exits with code 2. */
function fail(error) {
  out("error", { message: String(error && error.message ? error.message : error) });
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(2);
}

/** Flushes stdout, then exits with `code`. */
function finish(code = 0) {
  process.stdout.write("", () => process.exit(code));
}

module.exports = { out, encode, transportOptions, watchdog, once, fail, finish };
