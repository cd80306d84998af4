// The machine's floor for the fan-out benchmark: a bare `ws` broadcast server on Node, in its
// own process as workerd is, with the same permessage-deflate the room's clients negotiate.
// The parent (fanout.ts) loads the frames each client gets, says "go", and this process
// reports when it began sending; the clients timestamp what they receive.
import { WebSocketServer } from 'ws';

const now = () => performance.timeOrigin + performance.now();
const deflate = process.env.FLOOR_DEFLATE !== '0';
const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: deflate ? { threshold: 0 } : false });
const clients = new Map();
let payloads = [];
let plan = [];

wss.on('connection', (ws, req) => {
  const index = Number(new URL(req.url, 'http://floor').searchParams.get('i'));
  clients.set(index, ws);
  ws.on('close', () => clients.delete(index));
});
wss.on('listening', () => process.send({ op: 'ready', port: wss.address().port }));

process.on('message', (msg) => {
  if (msg.op === 'load') {
    // Encoded once: the floor is the best a bare server can do with these bytes.
    payloads = msg.payloads.map((p) => Buffer.from(p, 'utf8'));
    plan = msg.plan;
    process.send({ op: 'loaded' });
  } else if (msg.op === 'go') {
    const t0 = now();
    for (const [index, ids] of plan) {
      const ws = clients.get(index);
      for (const id of ids) ws.send(payloads[id], { binary: false });
    }
    process.send({ op: 'sent', t0 });
  } else if (msg.op === 'stop') {
    for (const ws of clients.values()) ws.terminate();
    wss.close(() => process.exit(0));
  }
});
