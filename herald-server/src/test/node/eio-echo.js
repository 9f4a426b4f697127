"use strict";
// Bare Engine.IO echo check driven by io.herald.server.interop.NodeEngineIoClientInteropTest.
//
//   node eio-echo.js <serverUrl> <websocket|polling|upgrade>
//
// Connects to <serverUrl>/engine.io/, sends a few text and binary messages, and reports every message the
// server sends back as a JSON line {"event":"message","type":"text"|"binary","data":...}.
const { Socket } = require("engine.io-client");
const { out, encode, transportOptions, watchdog, once, fail, finish } = require("./lib");

const [url, mode] = process.argv.slice(2);
if (!url || !mode) fail("usage: node eio-echo.js <serverUrl> <mode>");

function messages() {
  const allBytes = Buffer.alloc(256);
  for (let i = 0; i < 256; i++) allBytes[i] = i;
  return [
    "hello ✓ 🎉",
    allBytes,
    '{"looks":"like json","n":[1,2]}',
    Buffer.from("4binary that starts like a text packet", "utf8"),
    "b-not-base64",
  ];
}

async function main() {
  watchdog(15000);
  const socket = new Socket(url, { path: "/engine.io/", ...transportOptions(mode) });
  socket.on("error", (err) => out("error", { message: String(err && err.message) }));
  socket.on("upgradeError", (err) => out("upgradeError", { message: String(err && err.message) }));
  const upgraded = mode === "upgrade" ? once(socket, "upgrade") : Promise.resolve();
  await once(socket, "open");
  out("open", { transport: socket.transport.name });
  await upgraded;
  if (mode === "upgrade") out("upgrade", { transport: socket.transport.name });

  const toSend = messages();
  const received = [];
  const allBack = new Promise((resolve) => {
    socket.on("message", (data) => {
      received.push(data);
      out("message", { type: typeof data === "string" ? "text" : "binary", data: encode(data) });
      if (received.length === toSend.length) resolve();
    });
  });
  for (const message of toSend) {
    out("sent", { type: typeof message === "string" ? "text" : "binary", data: encode(message) });
    socket.send(message);
  }
  await allBack;
  out("transport", { name: socket.transport.name });
  socket.close();
}

main()
  .then(() => {
    out("done");
    finish(0);
  })
  .catch(fail);
