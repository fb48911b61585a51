// The echo plan the Node peers run as clients (ws_peer.js over HTTP/1.1, node_http2_peer.js over RFC 8441):
// binary and text messages of 0 B to 1 MiB, a fragmented message of each type, a ping, and the close.
'use strict';

const SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20];

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

/** What arrives, in order: `deliver` puts it in, `take` waits for the next, `expect` checks it or calls `fail`. */
function inbox(fail) {
  const items = [];
  let waiter = null;
  const take = () => new Promise((resolve) => { if (items.length) resolve(items.shift()); else waiter = resolve; });
  const deliver = (item) => { if (waiter) { const w = waiter; waiter = null; w(item); } else items.push(item); };
  const expect = async (want, what) => {
    const got = await take();
    const same = want.text !== undefined ? got.text === want.text
      : want.binary !== undefined ? got.binary !== undefined && got.binary.equals(want.binary)
      : want.pong !== undefined ? got.pong !== undefined && got.pong.equals(want.pong)
      : got.close === want.close;
    if (!same) fail(`${what}: got ${JSON.stringify(got).slice(0, 120)}`);
  };
  return { take, deliver, expect };
}

/**
 * Runs the plan: `io.send(data, { binary, fin })`, `io.ping(buffer)` and `io.close(code)` act, and
 * `expect` (an inbox's) checks each answer.
 */
async function run(io, expect) {
  const next = rng(8441);
  for (const size of SIZES) {
    const payload = Buffer.alloc(size);
    for (let i = 0; i < size; i++) payload[i] = next() >>> 24;
    io.send(payload, { binary: true, fin: true });
    await expect({ binary: payload }, `binary echo of ${size} bytes`);
    const text = textOf(size, next);
    io.send(text, { binary: false, fin: true });
    await expect({ text }, `text echo of ${size} bytes`);
  }
  io.send('frag', { binary: false, fin: false });
  io.send('mented €', { binary: false, fin: true });
  await expect({ text: 'fragmented €' }, 'fragmented text');
  io.send(Buffer.from([1, 2]), { binary: true, fin: false });
  io.send(Buffer.from([3]), { binary: true, fin: true });
  await expect({ binary: Buffer.from([1, 2, 3]) }, 'fragmented binary');
  io.ping(Buffer.from('are you there'));
  await expect({ pong: Buffer.from('are you there') }, 'pong');
  io.close(1000);
  await expect({ close: 1000 }, "the server's close reply");
}

module.exports = { inbox, run };
