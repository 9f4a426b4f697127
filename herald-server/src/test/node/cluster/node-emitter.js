"use strict";
// Publishes through @socket.io/redis-emitter 5.x, then exits; driven by the mixed-cluster tests.
//
//   node cluster/node-emitter.js <redisUrl> '<json operations>' [key]
//
// Operations (a JSON array, performed in order; "args" use {"$binary": base64} for binary values):
//   {"op":"emit","nsp":"/","to":[],"except":[],"event":"e","args":[..]}
//   {"op":"socketsJoin"|"socketsLeave","nsp":"/","to":[],"except":[],"rooms":["r"]}
//   {"op":"disconnectSockets","nsp":"/","to":[],"except":[],"close":false}
//   {"op":"serverSideEmit","nsp":"/","event":"e","args":[..]}
// Output: {"event":"published","op":..} per operation, then {"event":"done"}.
const { createClient } = require("redis");
const { Emitter } = require("@socket.io/redis-emitter");
const { out, decode, fail, watchRedis } = require("./wire");

const [redisUrl, operationsJson, key = "socket.io"] = process.argv.slice(2);
if (!redisUrl || !operationsJson) fail("usage: node cluster/node-emitter.js <redisUrl> <operations> [key]");

function target(emitter, operation) {
  let operator = emitter.of(operation.nsp || "/");
  if (operation.to && operation.to.length) operator = operator.to(operation.to);
  if (operation.except && operation.except.length) operator = operator.except(operation.except);
  return operator;
}

async function main() {
  const operations = JSON.parse(operationsJson);
  const client = watchRedis(createClient({ url: redisUrl }), "emitter");
  await client.connect();
  const emitter = new Emitter(client, { key });
  for (const operation of operations) {
    const operator = target(emitter, operation);
    switch (operation.op) {
      case "emit":
        operator.emit(operation.event, ...decode(operation.args || []));
        break;
      case "socketsJoin":
        operator.socketsJoin(operation.rooms);
        break;
      case "socketsLeave":
        operator.socketsLeave(operation.rooms);
        break;
      case "disconnectSockets":
        operator.disconnectSockets(!!operation.close);
        break;
      case "serverSideEmit":
        emitter.of(operation.nsp || "/").serverSideEmit(operation.event, ...decode(operation.args || []));
        break;
      default:
        throw new Error("unknown operation: " + operation.op);
    }
    out("published", { op: operation.op });
  }
  await client.quit(); // QUIT is answered after the PUBLISHes queued before it
  out("done");
  process.stdout.write("", () => process.exit(0));
}

main().catch(fail);
