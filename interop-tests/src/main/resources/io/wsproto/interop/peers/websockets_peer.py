#!/usr/bin/env python3
"""An HTTP/1.1 WebSocket peer built on Debian's python3-websockets (asyncio API, version 10).

  server CERT KEY            echo server on 127.0.0.1: a plaintext and a TLS port (HTTP/1.1), both with
                             permessage-deflate available; prints "listening PORT TLSPORT"
  client URL DEFLATE CA      runs the echo plan against URL (ws:// or wss://, the TLS certificate checked
                             against CA); prints PASS or FAIL <reason>, exit status 0 or 1
"""
import asyncio
import random
import ssl
import sys

import websockets

SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20]
MAX = 64 << 20


async def echo(ws, path=None):
    try:
        async for message in ws:
            await ws.send(message)
    except websockets.ConnectionClosed:
        pass


async def server(cert, key):
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    plain = await websockets.serve(echo, "127.0.0.1", 0, compression="deflate", max_size=MAX)
    tls = await websockets.serve(echo, "127.0.0.1", 0, ssl=context, compression="deflate", max_size=MAX)
    print("listening %d %d" % (plain.sockets[0].getsockname()[1], tls.sockets[0].getsockname()[1]), flush=True)
    await asyncio.Future()


class Fail(Exception):
    pass


def text_of(size, rnd):
    out, left = [], size
    pieces = ["a", "é", "€", "\U0001D11E"]
    while left > 0:
        width = rnd.randint(1, min(4, left))
        out.append(pieces[width - 1])
        left -= width
    return "".join(out)


async def expect(ws, expected, what):
    got = await asyncio.wait_for(ws.recv(), 20)
    if got != expected:
        raise Fail("%s: got a %s of %d" % (what, type(got).__name__, len(got)))


async def plan(url, deflate, ca):
    context = None
    if url.startswith("wss:"):
        context = ssl.create_default_context(cafile=ca)
    async with websockets.connect(url, ssl=context, compression="deflate" if deflate else None,
                                  max_size=MAX, open_timeout=20) as ws:
        negotiated = any(e.name == "permessage-deflate" for e in ws.extensions)
        if negotiated != deflate:
            raise Fail("permessage-deflate negotiated=%s, offered=%s" % (negotiated, deflate))
        rnd = random.Random(8441)
        for size in SIZES:
            payload = rnd.randbytes(size)
            await ws.send(payload)
            await expect(ws, payload, "binary echo of %d bytes" % size)
            text = text_of(size, rnd)
            await ws.send(text)
            await expect(ws, text, "text echo of %d bytes" % size)
        await ws.send(["frag", "mented €"])
        await expect(ws, "fragmented €", "fragmented text")
        await ws.send([b"\x01\x02", b"\x03"])
        await expect(ws, b"\x01\x02\x03", "fragmented binary")
        pong = await ws.ping(b"are you there")  # resolves only on a pong carrying this payload
        await asyncio.wait_for(pong, 20)
        await asyncio.wait_for(ws.close(1000), 20)
        if ws.close_code != 1000:
            raise Fail("the server's close reply carried %s, expected 1000" % ws.close_code)
    return "echo plan passed, deflate=%s" % negotiated


def client(url, deflate, ca):
    try:
        print("PASS " + asyncio.run(plan(url, deflate == "true", ca)), flush=True)
        return 0
    except Exception as e:  # any failure, named
        print("FAIL %s: %s" % (type(e).__name__, e), flush=True)
        return 1


if __name__ == "__main__":
    if sys.argv[1] == "server":
        asyncio.run(server(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(client(sys.argv[2], sys.argv[3], sys.argv[4]))
