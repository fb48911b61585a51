#!/usr/bin/env node
// An HTTP/1.1 WebSocket peer built on npm's `ws`.
//
//   server CERT KEY        echo server on 127.0.0.1: a plaintext and a TLS port, permessage-deflate
//                          available; prints "listening PORT TLSPORT"
//   client URL DEFLATE CA  runs the echo plan against URL (ws:// or wss://, the TLS certificate checked
//                          against CA); prints PASS or FAIL <reason>, exit status 0 or 1
'use strict';
const fs = require('fs');
const https = require('https');
const { WebSocket, WebSocketServer } = require('ws');

const SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20];
const MAX = 64 << 20;

function echo(ws) {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', () => ws.terminate());
}

function server(cert, key) {
  const plain = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: true, maxPayload: MAX });
  const tlsHttp = https.createServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key) });
  const tls = new WebSocketServer({ server: tlsHttp, perMessageDeflate: true, maxPayload: MAX });
  plain.on('connection', echo);
  tls.on('connection', echo);
  plain.on('listening', () => tlsHttp.listen(0, '127.0.0.1', () => {
    console.log(`listening ${plain.address().port} ${tlsHttp.address().port}`);
  }));
}

// A small deterministic generator, so runs are repeatable.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s; };
}

function textOf(size, next) {
  const pieces = ['a', 'é', '€', '\u{1D11E}'];
  let out = '';
  for (let left = size; left > 0;) {
    const width = 1 + (next() % Math.min(4, left));
    out += pieces[width - 1];
    left -= width;
  }
  return out;
}

function client(url, deflate, ca) {
  const fail = (reason) => { console.log('FAIL ' + reason); process.exit(1); };
  const timer = setTimeout(() => fail('timed out'), 60000);
  const ws = new WebSocket(url, { perMessageDeflate: deflate, maxPayload: MAX, ca: url.startsWith('wss:') ? fs.readFileSync(ca) : undefined });
  const inbox = [];
  let waiter = null;
  const take = () => new Promise((resolve) => { if (inbox.length) resolve(inbox.shift()); else waiter = resolve; });
  const deliver = (item) => { if (waiter) { const w = waiter; waiter = null; w(item); } else inbox.push(item); };
  ws.on('message', (data, isBinary) => deliver(isBinary ? { binary: Buffer.from(data) } : { text: data.toString('utf8') }));
  ws.on('pong', (data) => deliver({ pong: Buffer.from(data) }));
  ws.on('close', (code) => deliver({ close: code }));
  ws.on('error', (e) => fail(e.message));
  const expect = async (want, what) => {
    const got = await take();
    const same = want.text !== undefined ? got.text === want.text
      : want.binary !== undefined ? got.binary !== undefined && got.binary.equals(want.binary)
      : want.pong !== undefined ? got.pong !== undefined && got.pong.equals(want.pong)
      : got.close === want.close;
    if (!same) fail(`${what}: got ${JSON.stringify(got).slice(0, 120)}`);
  };
  ws.on('open', async () => {
    const negotiated = /permessage-deflate/.test(ws.extensions);
    if (negotiated !== deflate) fail(`permessage-deflate negotiated=${negotiated}, offered=${deflate}`);
    const next = rng(8441);
    for (const size of SIZES) {
      const payload = Buffer.alloc(size);
      for (let i = 0; i < size; i++) payload[i] = next() >>> 24;
      ws.send(payload, { binary: true });
      await expect({ binary: payload }, `binary echo of ${size} bytes`);
      const text = textOf(size, next);
      ws.send(text);
      await expect({ text }, `text echo of ${size} bytes`);
    }
    ws.send('frag', { fin: false });
    ws.send('mented €', { fin: true });
    await expect({ text: 'fragmented €' }, 'fragmented text');
    ws.send(Buffer.from([1, 2]), { binary: true, fin: false });
    ws.send(Buffer.from([3]), { binary: true, fin: true });
    await expect({ binary: Buffer.from([1, 2, 3]) }, 'fragmented binary');
    ws.ping(Buffer.from('are you there'));
    await expect({ pong: Buffer.from('are you there') }, 'pong');
    ws.close(1000);
    await expect({ close: 1000 }, "the server's close reply");
    clearTimeout(timer);
    console.log(`PASS echo plan passed, deflate=${negotiated}`);
    process.exit(0);
  });
}

if (process.argv[2] === 'server') {
  server(process.argv[3], process.argv[4]);
} else {
  client(process.argv[3], process.argv[4] === 'true', process.argv[5]);
}
