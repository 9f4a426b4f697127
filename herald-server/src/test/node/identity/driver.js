"use strict";
// Remote-controlled socket.io-client 4.8.x sockets for the identity tests (io.herald.server.session):
//
//   node identity/driver.js <serverUrl>
//
// Reads one JSON command per line on stdin and writes observations as JSON lines on stdout (see ../lib.js):
//   {"cmd":"connect","name":"a","nsp":"/media","auth":{...},"query":{...},"headers":{...},"transport":"websocket"}
//       -> {"event":"connect","name":"a","socketId":...} | {"event":"connect_error","name":"a","message":...,"data":...}
//          then every server event as {"event":"server","name":"a","type":"welcome","args":[...]}
//          and {"event":"disconnect","name":"a","reason":...}
//   {"cmd":"emit","name":"a","type":"joinRoom","args":["room"],"ack":true,"tag":"t1"}
//       -> with ack: {"event":"ack","name":"a","tag":"t1","args":[...]} (or "error" set when none came in time)
//   {"cmd":"disconnect","name":"a"}    {"cmd":"exit"}
// Every socket has its own connection (forceNew) and never reconnects by itself.
const readline = require("readline");
const { io } = require("socket.io-client");
const { out, encode, fail, finish } = require("../lib");

const [url] = process.argv.slice(2);
if (!url) fail("usage: node identity/driver.js <serverUrl>");
const sockets = new Map();
const ACK_TIMEOUT_MS = 10000;

function connect({ name, nsp = "/", auth, query, headers, transport = "websocket" }) {
  const options = { forceNew: true, reconnection: false, timeout: 10000, transports: [transport] };
  if (transport === "polling") options.upgrade = false;
  if (auth) options.auth = auth;
  if (query) options.query = query;
  if (headers) options.extraHeaders = headers;
  const socket = io(url + nsp, options);
  sockets.set(name, socket);
  socket.on("connect", () => out("connect", { name, socketId: socket.id }));
  socket.on("connect_error", (err) =>
    out("connect_error", { name, message: err.message, data: err.data === undefined ? null : encode(err.data) }));
  socket.on("disconnect", (reason) => out("disconnect", { name, reason }));
  socket.onAny((type, ...args) => out("server", { name, type, args: encode(args) }));
}

function emit({ name, type, args = [], ack = false, tag = null }) {
  const socket = sockets.get(name);
  if (!socket) throw new Error("no socket named " + name);
  if (!ack) {
    socket.emit(type, ...args);
    return;
  }
  socket.timeout(ACK_TIMEOUT_MS).emit(type, ...args, (err, ...answer) => {
    if (err) out("ack", { name, tag, type, error: String(err.message || err) });
    else out("ack", { name, tag, type, args: encode(answer) });
  });
}

function close() {
  for (const socket of sockets.values()) socket.disconnect();
  out("exit");
  finish(0);
}

const commands = {
  connect,
  emit,
  disconnect: ({ name }) => sockets.get(name) && sockets.get(name).disconnect(),
  exit: close,
};

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  try {
    const command = JSON.parse(line);
    const run = commands[command.cmd];
    if (!run) throw new Error("unknown command: " + command.cmd);
    run(command);
  } catch (error) {
    fail(error);
  }
}).on("close", close);
out("ready");
