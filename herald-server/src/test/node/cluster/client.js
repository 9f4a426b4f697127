"use strict";
// A socket.io-client 4.8 client for the mixed-cluster tests: connects, reports every event it receives and
// acknowledges every event that asks for it.
//
//   node cluster/client.js <url-with-namespace> <name> [rooms,comma,separated] [websocket|polling|upgrade]
//
// The handshake query carries `name` and `room` (servers of the cluster tests join the socket to those rooms).
// Output (stdout JSON lines, binary as {"$binary": base64}):
//   {"event":"connected","id","nsp"}   {"event":"connect_error","message"}   {"event":"disconnected","reason"}
//   {"event":"on:<event name>","args":[..],"ack":bool}   for every event received; an event with an
//       acknowledgement callback is answered with {"from": <name>, "event": <event name>, "bin": <name as bytes>}
// Exits when stdin closes (the Java test ended) or when the server disconnects it.
const { io } = require("socket.io-client");
const { out, encode, transportOptions, fail } = require("../lib");

const [url, name, rooms = "", mode = "websocket"] = process.argv.slice(2);
if (!url || !name) fail("usage: node cluster/client.js <url> <name> [rooms] [mode]");

const socket = io(url, { ...transportOptions(mode), reconnection: false, timeout: 5000, query: { name, room: rooms } });
socket.on("connect", () => out("connected", { id: socket.id, nsp: socket.nsp }));
socket.on("connect_error", (err) => out("connect_error", { message: err.message }));
socket.on("disconnect", (reason) => {
  out("disconnected", { reason });
  process.stdout.write("", () => process.exit(0));
});
socket.onAny((event, ...args) => {
  const callback = typeof args[args.length - 1] === "function" ? args.pop() : null;
  out("on:" + event, { args: encode(args), ack: callback !== null });
  if (callback) callback({ from: name, event, bin: Buffer.from(name, "utf8") });
});

process.stdin.on("end", () => {
  socket.disconnect();
  process.stdout.write("", () => process.exit(0));
});
process.stdin.resume();
