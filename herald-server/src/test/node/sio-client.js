"use strict";
// Socket.IO client scenarios driven by io.herald.server.interop.NodeSocketIoClientInteropTest.
//
//   node sio-client.js <scenario> <serverUrl> <websocket|polling|upgrade>
//
// Scenarios: auth, echo, ack, namespaces, reconnect. Observations are JSON lines on stdout (see lib.js).
const { io } = require("socket.io-client");
const { out, encode, transportOptions, watchdog, once, fail, finish } = require("./lib");

const [scenario, url, mode] = process.argv.slice(2);
if (!scenario || !url || !mode) fail("usage: node sio-client.js <scenario> <serverUrl> <mode>");
const baseOptions = { ...transportOptions(mode), forceNew: false, timeout: 5000 };

/** Reports transport upgrades (and failed upgrade probes) of every engine the manager opens. */
function watchEngine(manager) {
  const attach = () => {
    const engine = manager.engine;
    engine.on("upgrade", (transport) => out("upgrade", { transport: transport.name, engineTransport: engine.transport.name }));
    engine.on("upgradeError", (err) => out("upgradeError", { message: String(err && err.message) }));
  };
  manager.on("open", attach);
}

/** Resolves once `socket` is connected and, in "upgrade" mode, once the engine switched to WebSocket. */
async function ready(socket) {
  const upgraded = mode === "upgrade" ? once(socket.io.engine, "upgrade") : Promise.resolve();
  if (!socket.connected) await once(socket, "connect");
  await upgraded;
  return socket;
}

function transportName(socket) {
  return socket.io.engine.transport.name;
}

async function scenarioAuth() {
  const socket = io(url, { ...baseOptions, reconnection: false, auth: { token: "abc", n: 1 } });
  watchEngine(socket.io);
  const auth = once(socket, "auth");
  socket.on("connect_error", (err) => out("connect_error", { message: err.message }));
  await ready(socket);
  out("auth", { args: encode(await auth) });
  out("transport", { name: transportName(socket) });
  socket.disconnect();
}

function mixedArgs() {
  const big = Buffer.alloc(70000);
  for (let i = 0; i < big.length; i++) big[i] = i % 251;
  return [
    "héllo ✓ 🎉",
    42,
    -1.5,
    true,
    null,
    { nested: { list: [1, "two", false, null], deeper: { x: 3.25 } } },
    Buffer.from([0, 1, 2, 127, 128, 254, 255]),
    { level1: { level2: Buffer.from("binary at depth 2", "utf8") }, label: "carrier" },
    [Buffer.from([9, 8, 7]), "after-binary"],
    big,
  ];
}

async function scenarioEcho() {
  const socket = io(url, { ...baseOptions, reconnection: false });
  watchEngine(socket.io);
  await ready(socket);
  const args = mixedArgs();
  const back = once(socket, "message-back");
  out("sent", { args: encode(args) });
  socket.emit("message", ...args);
  out("message-back", { args: encode(await back) });
  out("transport", { name: transportName(socket) });
  socket.disconnect();
}

async function scenarioAck() {
  const socket = io(url, { ...baseOptions, reconnection: false });
  watchEngine(socket.io);
  await ready(socket);
  // Callback form: every acknowledgement argument is visible.
  const callbackArgs = await new Promise((resolve) => {
    socket.emit("message-with-ack", "first", 2, { inner: { bin: Buffer.from([1, 2, 3]) } }, (...ack) => resolve(ack));
  });
  out("ack", { args: encode(callbackArgs) });
  // Promise form (emitWithAck resolves with the first acknowledgement argument).
  const value = await socket.timeout(5000).emitWithAck("message-with-ack", { token: "xyz", bin: Buffer.from("ack!") });
  out("ack-promise", { value: encode(value) });
  out("transport", { name: transportName(socket) });
  socket.disconnect();
}

async function scenarioNamespaces() {
  const options = { ...baseOptions, reconnection: false };
  const root = io(url, { ...options, auth: { ns: "root" } });
  watchEngine(root.io);
  const sockets = {
    "/": root,
    "/custom": io(url + "/custom", { ...options, auth: { ns: "custom", token: "c-1" } }),
    "/nope": io(url + "/nope", options),
    "/refused": io(url + "/refused", options),
  };
  out("multiplexed", { value: Object.values(sockets).every((s) => s.io === root.io) });
  const done = Object.entries(sockets).map(([nsp, socket]) => new Promise((resolve) => {
    socket.on("auth", (...args) => {
      out("auth", { nsp, args: encode(args) });
      resolve();
    });
    socket.on("connect", () => out("connect", { nsp, transport: transportName(socket) }));
    socket.on("connect_error", (err) => {
      out("connect_error", { nsp, message: err.message, data: err.data === undefined ? null : encode(err.data) });
      resolve();
    });
  }));
  if (mode === "upgrade") done.push(once(root.io.engine, "upgrade"));
  await Promise.all(done);
  out("transport", { name: transportName(root) });
  for (const socket of Object.values(sockets)) socket.disconnect();
}

async function scenarioReconnect() {
  const socket = io(url, {
    ...baseOptions,
    auth: { token: "abc", n: 1 },
    reconnection: true,
    reconnectionDelay: 100,
    reconnectionDelayMax: 300,
    randomizationFactor: 0,
  });
  watchEngine(socket.io);
  let connections = 0;
  let finished;
  const allDone = new Promise((resolve) => (finished = resolve));
  socket.on("connect", () => {
    connections++;
    out(connections === 1 ? "connected" : "reconnected", { id: socket.id, transport: transportName(socket) });
  });
  socket.on("auth", (...args) => {
    out("auth", { connection: connections, args: encode(args) });
    if (connections >= 2) finished();
  });
  socket.on("system.maintenance", (...args) => out("system.maintenance", { args: encode(args) }));
  socket.on("disconnect", (reason, details) => {
    const description = details && details.description;
    out("disconnected", { reason, description: description ? String(description.message || description) : null });
  });
  socket.on("connect_error", (err) => out("connect_error", { message: err.message }));
  socket.io.on("reconnect_attempt", (attempt) => out("reconnect_attempt", { attempt }));
  socket.io.on("reconnect", (attempt) => out("reconnect", { attempt }));
  await allDone;
  out("transport", { name: transportName(socket) });
  socket.disconnect();
}

const scenarios = {
  auth: scenarioAuth,
  echo: scenarioEcho,
  ack: scenarioAck,
  namespaces: scenarioNamespaces,
  reconnect: scenarioReconnect,
};

watchdog(scenario === "reconnect" ? 30000 : 15000);
if (!scenarios[scenario]) fail("unknown scenario: " + scenario);
scenarios[scenario]()
  .then(() => {
    out("done");
    finish(0);
  })
  .catch(fail);
