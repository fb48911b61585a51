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
const plan = require('./echo_plan.js');

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

function client(url, deflate, ca) {
  const fail = (reason) => { console.log('FAIL ' + reason); process.exit(1); };
  const timer = setTimeout(() => fail('timed out'), 60000);
  const ws = new WebSocket(url, { perMessageDeflate: deflate, maxPayload: MAX, ca: url.startsWith('wss:') ? fs.readFileSync(ca) : undefined });
  const { deliver, expect } = plan.inbox(fail);
  ws.on('message', (data, isBinary) => deliver(isBinary ? { binary: Buffer.from(data) } : { text: data.toString('utf8') }));
  ws.on('pong', (data) => deliver({ pong: Buffer.from(data) }));
  ws.on('close', (code) => deliver({ close: code }));
  ws.on('error', (e) => fail(e.message));
  ws.on('open', async () => {
    const negotiated = /permessage-deflate/.test(ws.extensions);
    if (negotiated !== deflate) fail(`permessage-deflate negotiated=${negotiated}, offered=${deflate}`);
    await plan.run({
      send: (data, options) => ws.send(data, options),
      ping: (data) => ws.ping(data),
      close: (code) => ws.close(code),
    }, expect);
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
