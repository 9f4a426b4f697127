"use strict";
// A Node.js socket.io 4.8 server clustered through @socket.io/redis-adapter 8.x (classic pub/sub adapter),
// driven by io.herald.server.interop.Mixed*Test over stdin/stdout JSON lines.
//
//   node cluster/node-server.js <port> <redisUrl> [key] [specific]
//
// With "specific", the adapter has publishOnSpecificResponseChannel: true (answers go to
// <key>-response#<nsp>#<requester uid>#).
//
// Namespaces "/" and "/custom". A client's handshake query `room` (comma-separated) lists rooms it joins on
// connection and `name` names it; socket.data = {origin: "node", name, port}.
//
// Output (stdout, one JSON object per line, see ../lib.js):
//   {"event":"listening","port":..,"uids":{"/": "<adapter uid>", ...}}
//   {"event":"connection","nsp","id","name","rooms"} / {"event":"disconnect","nsp","id","name","reason"}
//   {"event":"server-side","nsp","name","args","withAck"}   every serverSideEmit received from another node;
//       one with an acknowledgement is answered with {"from": "node", "port", "event", "args"}
//   {"event":"result:<id>","cmd","ok",...}                 the outcome of the stdin command with that id
//
// Commands (stdin, one JSON object per line; every command takes "nsp" (default "/") and an optional "id";
// "to"/"except" are room lists; "args" use {"$binary": base64} for binary values):
//   {"cmd":"broadcast","to":[],"except":[],"event":"e","args":[..],"local":false}
//   {"cmd":"emitWithAck","to":[],"except":[],"event":"e","args":[..],"timeoutMs":2000} -> {error, responses}
//   {"cmd":"fetchSockets","to":[],"except":[],"local":false}   -> {sockets:[{id, rooms, data, query, local}]}
//   {"cmd":"socketsJoin"|"socketsLeave","to":[],"except":[],"rooms":["r"]}
//   {"cmd":"disconnectSockets","to":[],"except":[],"close":false}
//   {"cmd":"serverSideEmit","event":"e","args":[..],"withAck":true} -> {error, responses} (within 3 s)
//   {"cmd":"remoteSockets","to":[],"except":[],"action":"emit"|"join"|"leave"|"disconnect",..}  fetchSockets,
//       then, on each socket of another node: emit(event, ...args) | join(rooms) | leave(room) | disconnect(close)
//       -> {ids}
//   {"cmd":"serverCount"} -> {count}     {"cmd":"allRooms"} -> {rooms}     {"cmd":"close"} (then exits)
// The process exits when stdin closes.
const http = require("http");
const { Server, Socket } = require("socket.io");
const { createClient } = require("redis");
const { createAdapter } = require("@socket.io/redis-adapter");
const { out, encode, decode, fail, commands, watchRedis } = require("./wire");

const [portArg, redisUrl, key = "socket.io", responseChannel = "shared"] = process.argv.slice(2);
if (!portArg || !redisUrl) fail("usage: node cluster/node-server.js <port> <redisUrl> [key] [specific]");
const publishOnSpecificResponseChannel = responseChannel === "specific";
let port = Number(portArg);
const NAMESPACES = ["/", "/custom"];
const REQUESTS_TIMEOUT_MS = 3000;

function roomsOf(value) {
  if (value === undefined || value === null || value === "") return [];
  return (Array.isArray(value) ? value : String(value).split(",")).filter((room) => room !== "");
}

/** io.of(nsp).to(..).except(..) with the command's rooms. */
function target(command) {
  let operator = io.of(command.nsp || "/");
  const to = roomsOf(command.to);
  const except = roomsOf(command.except);
  if (to.length) operator = operator.to(to);
  if (except.length) operator = operator.except(except);
  if (command.local) operator = operator.local;
  return operator;
}

function describe(socket) {
  const local = socket instanceof Socket;
  return {
    id: socket.id,
    rooms: [...socket.rooms].sort(),
    data: encode(socket.data),
    query: socket.handshake && socket.handshake.query ? encode({ ...socket.handshake.query }) : null,
    local,
  };
}

/** Logs every server-side event of `namespace`, answering those that carry an acknowledgement callback. */
function listenServerSide(namespace) {
  const original = namespace._onServerSideEmit.bind(namespace);
  namespace._onServerSideEmit = (packet) => {
    const [name, ...rest] = packet;
    const callback = typeof rest[rest.length - 1] === "function" ? rest.pop() : null;
    out("server-side", { nsp: namespace.name, name, args: encode(rest), withAck: callback !== null });
    if (callback) callback({ from: "node", port, event: name, args: rest });
    original(packet);
  };
}

function onConnection(namespace) {
  namespace.on("connection", (socket) => {
    const query = socket.handshake.query;
    socket.join(roomsOf(query.room));
    socket.data = { origin: "node", name: query.name || null, port };
    out("connection", { nsp: namespace.name, id: socket.id, name: query.name || null, rooms: [...socket.rooms] });
    socket.on("disconnect", (reason) => out("disconnect", { nsp: namespace.name, id: socket.id, name: query.name || null, reason }));
  });
}

async function handle(command) {
  const args = decode(command.args || []);
  const namespace = io.of(command.nsp || "/");
  switch (command.cmd) {
    case "broadcast":
      target(command).emit(command.event, ...args);
      return undefined;
    case "emitWithAck":
      return new Promise((resolve) => {
        target(command).timeout(command.timeoutMs || 2000).emit(command.event, ...args, (err, responses) => {
          resolve({ error: err ? String(err.message || err) : null, responses: encode(responses || []) });
        });
      });
    case "fetchSockets": {
      const sockets = await target(command).fetchSockets();
      return { sockets: sockets.map(describe) };
    }
    case "socketsJoin":
      target(command).socketsJoin(roomsOf(command.rooms));
      return undefined;
    case "socketsLeave":
      target(command).socketsLeave(roomsOf(command.rooms));
      return undefined;
    case "disconnectSockets":
      target(command).disconnectSockets(!!command.close);
      return undefined;
    case "serverSideEmit":
      if (!command.withAck) {
        namespace.serverSideEmit(command.event, ...args);
        return undefined;
      }
      return new Promise((resolve) => {
        // the adapter's requestsTimeout (REQUESTS_TIMEOUT_MS) bounds the wait for the other nodes
        namespace.serverSideEmit(command.event, ...args, (err, responses) => {
          resolve({ error: err ? String(err.message || err) : null, responses: encode(responses || []) });
        });
      });
    case "remoteSockets": {
      const remote = (await target(command).fetchSockets()).filter((socket) => !(socket instanceof Socket));
      for (const socket of remote) {
        if (command.action === "emit") socket.emit(command.event, ...args);
        else if (command.action === "join") socket.join(roomsOf(command.rooms));
        else if (command.action === "leave") socket.leave(command.room);
        else if (command.action === "disconnect") socket.disconnect(!!command.close);
        else throw new Error("unknown action: " + command.action);
      }
      return { ids: remote.map((socket) => socket.id) };
    }
    case "serverCount":
      return { count: await namespace.adapter.serverCount() };
    case "allRooms":
      return { rooms: [...(await namespace.adapter.allRooms())].sort() };
    case "close":
      shutdown(0);
      return undefined;
    default:
      throw new Error("unknown command: " + command.cmd);
  }
}

let io;
let pubClient;
let subClient;
let closing = false;

function shutdown(code) {
  if (closing) return;
  closing = true;
  const quit = (client) => (client && client.isOpen ? client.quit().catch(() => {}) : Promise.resolve());
  io.close(() => {
    Promise.all([quit(pubClient), quit(subClient)]).finally(() => {
      out("closed");
      process.stdout.write("", () => process.exit(code));
    });
  });
}

async function main() {
  pubClient = watchRedis(createClient({ url: redisUrl }), "pub");
  subClient = watchRedis(pubClient.duplicate(), "sub");
  await Promise.all([pubClient.connect(), subClient.connect()]);
  const httpServer = http.createServer();
  io = new Server(httpServer, { adapter: createAdapter(pubClient, subClient, {
    key,
    requestsTimeout: REQUESTS_TIMEOUT_MS,
    publishOnSpecificResponseChannel,
  }) });
  const uids = {};
  for (const name of NAMESPACES) {
    const namespace = io.of(name);
    listenServerSide(namespace);
    onConnection(namespace);
    uids[name] = namespace.adapter.uid;
  }
  await new Promise((resolve, reject) => {
    httpServer.once("error", reject);
    httpServer.listen(port, "127.0.0.1", resolve);
  });
  port = httpServer.address().port;
  // The adapters subscribe without waiting; commands on one connection complete in order, so once this
  // subscription is confirmed theirs are too.
  const marker = key + "-node-server-ready#" + port;
  await subClient.subscribe(marker, () => {});
  await subClient.unsubscribe(marker);
  commands(handle, () => shutdown(0));
  out("listening", { port, key, publishOnSpecificResponseChannel, uids });
}

main().catch(fail);
