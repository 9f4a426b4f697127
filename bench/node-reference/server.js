'use strict';
// The Node.js reference server of the Herald benchmarks (bench/compare.sh).
// Implements exactly the events of io.herald.bench.HeraldBenchServer, on namespaces "/" (anonymous) and
// "/secure" (an HS256 JWT in auth.token, checked with a plain HMAC, as the Herald server does).
//
//   node --expose-gc server.js --port 3001 [--host 127.0.0.1]     (env BENCH_JWT_SECRET, default below)
//
// Events (the same on both namespaces):
//   echo (...args, ack)   -> ack(...args)
//   join (room, ack)      -> joins the room (the socket's chat room from now on), ack(true)
//   fanout (room, data)   -> to(room).emit("tick", data)          every member, the sender included
//   send (data)           -> socket.to(its room).emit("msg", data) the other members of the sender's room
//   gc (ack)              -> a full garbage collection, ack(true)  (before reading the RSS)
const http = require('http');
const crypto = require('crypto');
const { Server } = require('socket.io');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(arg('--port', '3001'));
const host = arg('--host', '127.0.0.1');
const secret = process.env.BENCH_JWT_SECRET || 'herald-bench-secret-0123456789abcdef';

/** Returns the claims of a valid, unexpired HS256 token, or null. */
function verifyJwt(token) {
  if (typeof token !== 'string') return null;
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    if (header.alg !== 'HS256') return null;
    const expected = crypto.createHmac('sha256', secret).update(parts[0] + '.' + parts[1]).digest();
    const given = Buffer.from(parts[2], 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) return null;
    return claims;
  } catch (e) {
    return null;
  }
}

const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const io = new Server(httpServer, { serveClient: false });

function handlers(nsp) {
  nsp.on('connection', (socket) => {
    socket.on('echo', (...args) => {
      const ack = typeof args[args.length - 1] === 'function' ? args.pop() : null;
      if (ack) ack(...args);
    });
    socket.on('join', (room, ack) => {
      socket.join(room);
      socket.data.room = room;
      if (typeof ack === 'function') ack(true);
    });
    socket.on('fanout', (room, data) => {
      nsp.to(room).emit('tick', data);
    });
    socket.on('send', (data) => {
      const room = socket.data.room;
      if (room !== undefined) socket.to(room).emit('msg', data);
    });
    socket.on('gc', (ack) => {
      if (global.gc) global.gc();
      if (typeof ack === 'function') ack(true);
    });
  });
}

handlers(io.of('/'));
const secure = io.of('/secure');
secure.use((socket, next) => {
  const claims = verifyJwt(socket.handshake.auth && socket.handshake.auth.token);
  if (!claims) {
    next(new Error('unauthorized'));
    return;
  }
  socket.data.user = claims.sub;
  next();
});
handlers(secure);

httpServer.listen(port, host, 4096, () => {
  console.log(`node reference listening on http://${host}:${port} (socket.io ${JSON.parse(require('fs').readFileSync(require('path').join(__dirname, 'node_modules/socket.io/package.json'), 'utf8')).version}, node ${process.version})`);
});
