#!/usr/bin/env node
// A WebSocket-over-HTTP/2 peer (RFC 8441) on Node's built-in `http2` module (nghttp2 underneath), framing
// with npm's `ws` (its Receiver, Sender, PerMessageDeflate and extension parser, not its handshake).
//
//   server CERT KEY              echo server on 127.0.0.1: an h2c port (prior knowledge) and a TLS port (ALPN
//                                h2), SETTINGS_ENABLE_CONNECT_PROTOCOL on both, permessage-deflate available;
//                                prints "listening PORT TLSPORT"
//   client URL DEFLATE CA        runs the echo plan against URL over one extended CONNECT stream (ws:// is
//                                h2c, wss:// is TLS with ALPN h2, checked against CA); prints PASS or
//                                FAIL <reason>, exit status 0 or 1
'use strict';
const fs = require('fs');
const http2 = require('http2');
const { Receiver, Sender, PerMessageDeflate, extension } = require('ws');
const plan = require('./echo_plan.js');

const MAX = 64 << 20;

/** The negotiated extensions object ws's Receiver and Sender take, or {} without deflate. */
function extensions(deflate) {
  return deflate ? { [PerMessageDeflate.extensionName]: deflate } : {};
}

/** Runs ws's framing over an HTTP/2 stream: what arrives goes to `on`, and the returned Sender writes to the stream. */
function frame(stream, isServer, negotiated, on) {
  const receiver = new Receiver({ isServer, extensions: extensions(negotiated), maxPayload: MAX });
  const sender = new Sender(stream, extensions(negotiated));
  receiver.on('message', on.message);
  receiver.on('ping', on.ping);
  receiver.on('pong', on.pong || (() => {}));
  receiver.on('conclude', on.conclude);
  receiver.on('error', on.error);
  stream.on('data', (chunk) => receiver.write(chunk));
  stream.on('end', on.end || (() => {}));
  return sender;
}

/** The close code ws's Receiver attaches to a protocol error (1002, 1007, 1009). */
function statusCode(e) {
  const key = Object.getOwnPropertySymbols(e).find((k) => k.description === 'status-code');
  return key ? e[key] : 1002;
}

function server(cert, key) {
  const settings = { enableConnectProtocol: true };
  const onStream = (stream, headers) => {
    if (headers[':method'] !== 'CONNECT' || headers[':protocol'] !== 'websocket') {
      stream.respond({ ':status': 404 }, { endStream: true });
      return;
    }
    if (headers['sec-websocket-version'] !== '13') {
      stream.respond({ ':status': 400, 'sec-websocket-version': '13' }, { endStream: true });
      return;
    }
    let deflate = null;
    const response = { ':status': 200 };
    const offers = headers['sec-websocket-extensions'];
    if (offers) {
      try {
        const offered = extension.parse(offers)[PerMessageDeflate.extensionName];
        if (offered) {
          deflate = new PerMessageDeflate({ isServer: true, maxPayload: MAX });
          response['sec-websocket-extensions'] = extension.format({ [PerMessageDeflate.extensionName]: deflate.accept(offered) });
        }
      } catch (e) {
        stream.respond({ ':status': 400 }, { endStream: true });
        return;
      }
    }
    stream.respond(response);
    const sender = frame(stream, true, deflate, {
      message: (data, isBinary) => sender.send(data, { binary: isBinary, fin: true, mask: false, compress: deflate !== null }),
      ping: (data) => sender.pong(data, false),
      conclude: (code, reason) => sender.close(code === 1005 ? undefined : code, reason, false, () => stream.end()),
      error: (e) => sender.close(statusCode(e), e.message.slice(0, 100), false, () => stream.end()),
    });
    stream.on('error', () => {});
  };
  const plain = http2.createServer({ settings });
  const tls = http2.createSecureServer({ cert: fs.readFileSync(cert), key: fs.readFileSync(key), settings });
  plain.on('stream', onStream);
  tls.on('stream', onStream);
  plain.on('sessionError', () => {});
  tls.on('sessionError', () => {});
  plain.listen(0, '127.0.0.1', () => tls.listen(0, '127.0.0.1', () => {
    console.log(`listening ${plain.address().port} ${tls.address().port}`);
  }));
}

function client(url, deflate, ca) {
  const fail = (reason) => { console.log('FAIL ' + reason); process.exit(1); };
  const timer = setTimeout(() => fail('timed out'), 60000);
  const target = new URL(url);
  const secure = target.protocol === 'wss:';
  const origin = `${secure ? 'https' : 'http'}://${target.host}`;
  const session = http2.connect(origin, secure ? { ca: fs.readFileSync(ca), ALPNProtocols: ['h2'] } : {});
  session.on('error', (e) => fail('connection: ' + e.message));
  session.once('remoteSettings', (settings) => {
    if (!settings.enableConnectProtocol) fail('the server did not send SETTINGS_ENABLE_CONNECT_PROTOCOL = 1');
    const offer = deflate ? new PerMessageDeflate({ isServer: false, maxPayload: MAX }) : null;
    const request = {
      ':method': 'CONNECT', ':protocol': 'websocket', ':scheme': secure ? 'https' : 'http',
      ':path': target.pathname + target.search, ':authority': target.host, 'sec-websocket-version': '13',
    };
    if (offer) request['sec-websocket-extensions'] = extension.format({ [PerMessageDeflate.extensionName]: offer.offer() });
    const stream = session.request(request, { endStream: false });
    stream.on('error', (e) => fail('stream: ' + e.message));
    stream.once('response', (headers) => {
      if (headers[':status'] !== 200) fail(`the extended CONNECT was answered ${headers[':status']}`);
      let negotiated = null;
      const accepted = headers['sec-websocket-extensions'];
      if (accepted) {
        const params = extension.parse(accepted)[PerMessageDeflate.extensionName];
        if (!offer || !params) fail(`unexpected sec-websocket-extensions: ${accepted}`);
        offer.accept(params);
        negotiated = offer;
      }
      run(stream, negotiated, deflate, fail, timer, session);
    });
  });
}

function run(stream, negotiated, deflate, fail, timer, session) {
  if ((negotiated !== null) !== deflate) fail(`permessage-deflate negotiated=${negotiated !== null}, offered=${deflate}`);
  const { take, deliver, expect } = plan.inbox(fail);
  const sender = frame(stream, false, negotiated, {
    message: (data, isBinary) => deliver(isBinary ? { binary: Buffer.from(data) } : { text: data.toString('utf8') }),
    ping: (data) => sender.pong(data, true),
    pong: (data) => deliver({ pong: Buffer.from(data) }),
    conclude: (code) => deliver({ close: code }),
    error: (e) => fail('framing: ' + e.message),
    end: () => deliver({ end: true }),
  });
  (async () => {
    await plan.run({
      send: (data, options) => sender.send(data, { mask: true, compress: negotiated !== null, ...options }),
      ping: (data) => sender.ping(data, true),
      close: (code) => sender.close(code, '', true),
    }, expect);
    // RFC 8441 §5: the close frames exchanged, each side ends its half. Ours ends once the server has ended
    // its own (some servers fail a stream that is ended first), or after 2 s without it.
    const ended = await Promise.race([take(), new Promise((resolve) => setTimeout(() => resolve(null), 2000))]);
    stream.end();
    clearTimeout(timer);
    const how = ended && ended.end ? 'the server ended its half' : 'the server did not end its half within 2 s';
    console.log(`PASS echo plan passed over an RFC 8441 stream, deflate=${negotiated !== null}, ${how}`);
    setTimeout(() => { session.destroy(); process.exit(0); }, 50);
  })().catch((e) => fail(e.stack));
}

if (process.argv[2] === 'server') {
  server(process.argv[3], process.argv[4]);
} else {
  client(process.argv[3], process.argv[4] === 'true', process.argv[5]);
}
