#!/usr/bin/env python3
"""A WebSocket-over-HTTP/2 (RFC 8441) peer built on Debian's python3-h2 and python3-wsproto.

wsproto's post-handshake Connection runs each WebSocket, exactly as wsproto's documentation describes for
HTTP/2: the extended CONNECT handshake happens in h2, then Connection(...) takes the stream's DATA.

  server PORTFILE [CERT KEY]
                            echo server on 127.0.0.1 (h2c, prior knowledge) and, given a PEM certificate and
                            key, on a second port over TLS with ALPN h2; writes its port(s) to PORTFILE
  client PORT PLAN DEFLATE  connects to 127.0.0.1:PORT over h2c and runs PLAN ("echo" or "concurrent");
                            prints PASS or FAIL <reason>, exit status 0 or 1
"""
import random
import socket
import ssl
import sys
import threading
import time

import h2.config
import h2.connection
import h2.events
import h2.exceptions
import h2.settings
from wsproto.connection import Connection, ConnectionState, ConnectionType
from wsproto.events import BytesMessage, CloseConnection, Ping, Pong, TextMessage
from wsproto.extensions import PerMessageDeflate
from wsproto.handshake import client_extensions_handshake, server_extensions_handshake

SIZES = [0, 1, 125, 126, 65535, 65536, 1 << 20]


class Stream:
    """One WebSocket on one h2 stream: wsproto's Connection plus outgoing bytes held by flow control."""

    def __init__(self, stream_id, ws):
        self.stream_id = stream_id
        self.ws = ws
        self.pending = bytearray()
        self.end_after_pending = False
        self.ended = False
        self.parts = []
        self.received = []  # whole messages (str or bytes), pongs as ("pong", bytes), closes as ("close", code)

    def take_events(self):
        for event in self.ws.events():
            if isinstance(event, (TextMessage, BytesMessage)):
                self.parts.append(event.data)
                if event.message_finished:
                    joined = "".join(self.parts) if isinstance(event, TextMessage) else b"".join(self.parts)
                    self.parts = []
                    yield joined
            elif isinstance(event, Pong):
                yield ("pong", bytes(event.payload))
            else:
                yield event


class Peer:
    """An h2 connection over a blocking socket, and its WebSocket streams."""

    def __init__(self, sock, client_side):
        self.sock = sock
        config = h2.config.H2Configuration(client_side=client_side, header_encoding="utf-8")
        self.conn = h2.connection.H2Connection(config=config)
        if not client_side:
            self.conn.local_settings = h2.settings.Settings(client=False, initial_values={
                h2.settings.SettingCodes.ENABLE_CONNECT_PROTOCOL: 1,
                h2.settings.SettingCodes.MAX_CONCURRENT_STREAMS: 1000,
                h2.settings.SettingCodes.INITIAL_WINDOW_SIZE: 1 << 20,
            })
        self.conn.initiate_connection()
        self.streams = {}
        self.flush()

    def flush(self):
        data = self.conn.data_to_send()
        if data:
            self.sock.sendall(data)

    def send_ws(self, stream, event):
        stream.pending += stream.ws.send(event)
        if stream.ws.state == ConnectionState.CLOSED:
            stream.end_after_pending = True
        self.drain(stream)

    def drain(self, stream):
        try:
            self._drain(stream)
        except h2.exceptions.StreamClosedError:
            if stream.ws.state != ConnectionState.CLOSED:
                raise
            # The other side (a proxy, say) closed the stream right behind its close reply: the WebSocket
            # closed cleanly, and there is no half left to end.
            stream.ended = True
            stream.pending.clear()
            self.flush()

    def _drain(self, stream):
        while stream.pending and not stream.ended:
            window = min(self.conn.local_flow_control_window(stream.stream_id), self.conn.max_outbound_frame_size)
            if window <= 0:
                break
            chunk = bytes(stream.pending[:window])
            del stream.pending[:window]
            last = not stream.pending and stream.end_after_pending
            self.conn.send_data(stream.stream_id, chunk, end_stream=last)
            stream.ended = last
        if not stream.pending and stream.end_after_pending and not stream.ended:
            self.conn.end_stream(stream.stream_id)
            stream.ended = True
        self.flush()

    def read(self):
        """Reads once from the socket; returns the h2 events, or None when the connection ended."""
        data = self.sock.recv(1 << 16)
        if not data:
            return None
        events = self.conn.receive_data(data)
        for event in events:
            if isinstance(event, h2.events.DataReceived):
                self.conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.WindowUpdated):
                for stream in list(self.streams.values()):
                    self.drain(stream)
        self.flush()
        return events


# ---------------------------------------------------------------- server

def serve_connection(sock):
    peer = Peer(sock, client_side=False)
    try:
        while True:
            events = peer.read()
            if events is None:
                return
            for event in events:
                if isinstance(event, h2.events.RequestReceived):
                    accept(peer, event)
                elif isinstance(event, h2.events.DataReceived) and event.stream_id in peer.streams:
                    stream = peer.streams[event.stream_id]
                    if stream.ws.state != ConnectionState.CLOSED:  # nothing is accepted after the close handshake
                        stream.ws.receive_data(event.data)
                        echo(peer, stream)
                elif isinstance(event, h2.events.StreamEnded) and event.stream_id in peer.streams:
                    stream = peer.streams[event.stream_id]
                    if stream.ws.state != ConnectionState.CLOSED:
                        stream.ws.receive_data(None)
                        echo(peer, stream)
                elif isinstance(event, h2.events.StreamReset):
                    peer.streams.pop(event.stream_id, None)
                elif isinstance(event, h2.events.ConnectionTerminated):
                    return
    except (ConnectionError, OSError):
        return
    finally:
        sock.close()


def accept(peer, request):
    headers = dict(request.headers)
    if headers.get(":method") != "CONNECT" or headers.get(":protocol") != "websocket":
        peer.conn.send_headers(request.stream_id, [(":status", "404")], end_stream=True)
        peer.flush()
        return
    offer = headers.get("sec-websocket-extensions")
    deflate = PerMessageDeflate()
    answer = server_extensions_handshake([offer], [deflate]) if offer else None
    response = [(":status", "200")]
    if answer:
        response.append(("sec-websocket-extensions", answer.decode("ascii")))
    peer.conn.send_headers(request.stream_id, response)
    peer.flush()
    extensions = [deflate] if answer else []
    peer.streams[request.stream_id] = Stream(request.stream_id, Connection(ConnectionType.SERVER, extensions=extensions))


def echo(peer, stream):
    for item in stream.take_events():
        if isinstance(item, str):
            peer.send_ws(stream, TextMessage(data=item))
        elif isinstance(item, (bytes, bytearray)):
            peer.send_ws(stream, BytesMessage(data=bytes(item)))
        elif isinstance(item, Ping):
            peer.send_ws(stream, item.response())
        elif isinstance(item, CloseConnection):
            if stream.ws.state == ConnectionState.REMOTE_CLOSING:
                peer.send_ws(stream, item.response())


def listen():
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    return listener


def accept_forever(listener, tls):
    while True:
        sock, _ = listener.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=serve_tls if tls else serve_connection, args=(sock, tls) if tls else (sock,), daemon=True).start()


def serve_tls(sock, context):
    try:
        sock = context.wrap_socket(sock, server_side=True)
    except (OSError, ssl.SSLError):
        sock.close()
        return
    if sock.selected_alpn_protocol() != "h2":
        sock.close()
        return
    serve_connection(sock)


def server(portfile, cert=None, key=None):
    plain = listen()
    ports = [str(plain.getsockname()[1])]
    if cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        context.set_alpn_protocols(["h2"])
        secure = listen()
        ports.append(str(secure.getsockname()[1]))
        threading.Thread(target=accept_forever, args=(secure, context), daemon=True).start()
    with open(portfile, "w") as f:
        f.write(" ".join(ports))
    accept_forever(plain, None)


# ---------------------------------------------------------------- client

class Fail(Exception):
    pass


def pump_until(peer, done, what, timeout=20.0):
    deadline = time.time() + timeout
    while not done():
        if time.time() > deadline:
            raise Fail("timed out waiting for " + what)
        events = peer.read()
        if events is None:
            raise Fail("connection closed while waiting for " + what)
        for event in events:
            stream = peer.streams.get(getattr(event, "stream_id", None))
            if isinstance(event, h2.events.DataReceived) and stream is not None:
                if stream.ws.state != ConnectionState.CLOSED:
                    stream.ws.receive_data(event.data)
                    stream.received.extend(normalise(peer, stream, stream.take_events()))
                    if stream.ws.state == ConnectionState.CLOSED:
                        stream.end_after_pending = True  # the close handshake is done: end our half too
                        peer.drain(stream)
            elif isinstance(event, h2.events.StreamEnded) and stream is not None:
                if stream.ws.state != ConnectionState.CLOSED:
                    stream.ws.receive_data(None)
                    stream.received.extend(normalise(peer, stream, stream.take_events()))
            elif isinstance(event, h2.events.StreamReset) and stream is not None:
                if stream.ws.state != ConnectionState.CLOSED:  # after a completed close handshake a reset ends nothing
                    raise Fail("stream %d reset by the server" % event.stream_id)
                stream.ended = True


def normalise(peer, stream, items):
    """Closes as ("close", code); pings are answered here (wsproto leaves that to us) and never queued as an echo."""
    for item in items:
        if isinstance(item, CloseConnection):
            yield ("close", item.code)
        elif isinstance(item, Ping):
            if stream.ws.state == ConnectionState.OPEN:
                peer.send_ws(stream, item.response())
        else:
            yield item


def open_websocket(peer, port, deflate, responses):
    stream_id = peer.conn.get_next_available_stream_id()
    headers = [(":method", "CONNECT"), (":protocol", "websocket"), (":scheme", "http"), (":path", "/echo"),
               (":authority", "127.0.0.1:%d" % port), ("sec-websocket-version", "13")]
    proposed = [PerMessageDeflate()] if deflate else []
    if deflate:
        headers.append(("sec-websocket-extensions", "permessage-deflate"))
    peer.conn.send_headers(stream_id, headers)
    peer.flush()
    responses[stream_id] = proposed
    return stream_id


def connect(port, deflate, count):
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    peer = Peer(sock, client_side=True)
    pump_until(peer, lambda: peer.conn.remote_settings.enable_connect_protocol == 1, "SETTINGS_ENABLE_CONNECT_PROTOCOL")
    offers = {}
    ids = [open_websocket(peer, port, deflate, offers) for _ in range(count)]
    opened = {}

    def all_open():
        return len(opened) == count

    deadline = time.time() + 20
    while not all_open():
        if time.time() > deadline:
            raise Fail("timed out waiting for the 200 responses")
        events = peer.read()
        if events is None:
            raise Fail("connection closed during the handshakes")
        for event in events:
            if isinstance(event, h2.events.StreamReset):
                raise Fail("the server reset the CONNECT stream (RST_STREAM error code %d)" % event.error_code)
            if isinstance(event, h2.events.ResponseReceived):
                headers = dict(event.headers)
                if headers.get(":status") != "200":
                    raise Fail("status " + str(headers.get(":status")))
                accepted = headers.get("sec-websocket-extensions")
                extensions = client_extensions_handshake([accepted], offers[event.stream_id]) if accepted else []
                if bool(extensions) != deflate:
                    raise Fail("permessage-deflate negotiated=%s, offered=%s" % (bool(extensions), deflate))
                stream = Stream(event.stream_id, Connection(ConnectionType.CLIENT, extensions=extensions))
                peer.streams[event.stream_id] = stream
                opened[event.stream_id] = stream
    return peer, [opened[i] for i in ids]


def expect(peer, stream, what):
    pump_until(peer, lambda: stream.received, what)
    return stream.received.pop(0)


def text_of(size, rnd):
    out, left = [], size
    pieces = ["a", "é", "€", "\U0001D11E"]
    while left > 0:
        width = rnd.randint(1, min(4, left))
        out.append(pieces[width - 1])
        left -= width
    return "".join(out)


def plan_echo(port, deflate):
    peer, (stream,) = connect(port, deflate, 1)
    rnd = random.Random(8441)
    for size in SIZES:
        payload = bytes(rnd.getrandbits(8) for _ in range(size)) if size < 70000 else rnd.randbytes(size)
        peer.send_ws(stream, BytesMessage(data=payload))
        if expect(peer, stream, "binary echo of %d bytes" % size) != payload:
            raise Fail("binary echo of %d bytes differs" % size)
        text = text_of(size, rnd)
        peer.send_ws(stream, TextMessage(data=text))
        if expect(peer, stream, "text echo of %d bytes" % size) != text:
            raise Fail("text echo of %d bytes differs" % size)
    peer.send_ws(stream, TextMessage(data="frag", message_finished=False))
    peer.send_ws(stream, TextMessage(data="mented €", message_finished=True))
    if expect(peer, stream, "fragmented text") != "fragmented €":
        raise Fail("fragmented text differs")
    peer.send_ws(stream, Ping(payload=b"are you there"))
    if expect(peer, stream, "pong") != ("pong", b"are you there"):
        raise Fail("no pong with the ping's payload")
    peer.send_ws(stream, CloseConnection(code=1000))
    reply = expect(peer, stream, "close reply")
    if reply != ("close", 1000):
        raise Fail("close reply was %r" % (reply,))
    return "echo plan passed over h2c, deflate=%s" % deflate


def plan_concurrent(port, deflate):
    peer, streams = connect(port, deflate, 100)
    for m in range(100):
        for i, stream in enumerate(streams):
            peer.send_ws(stream, TextMessage(data="stream %d message %d" % (i, m)))
    for i, stream in enumerate(streams):
        for m in range(100):
            got = expect(peer, stream, "message %d on stream %d" % (m, i))
            if got != "stream %d message %d" % (i, m):
                raise Fail("stream %d got %r for message %d" % (i, got, m))
    for stream in streams:
        peer.send_ws(stream, CloseConnection(code=1000))
    for i, stream in enumerate(streams):
        if expect(peer, stream, "close reply on stream %d" % i) != ("close", 1000):
            raise Fail("stream %d did not close with 1000" % i)
    return "100 concurrent WebSockets x 100 messages passed, deflate=%s" % deflate


def client(port, plan, deflate):
    try:
        result = (plan_echo if plan == "echo" else plan_concurrent)(int(port), deflate == "true")
        print("PASS " + result, flush=True)
        return 0
    except Fail as e:
        print("FAIL " + str(e), flush=True)
        return 1
    except (OSError, h2.exceptions.H2Error) as e:  # a timeout, a reset connection, a protocol error
        print("FAIL %s: %s" % (type(e).__name__, e), flush=True)
        return 1


if __name__ == "__main__":
    if sys.argv[1] == "server":
        server(*sys.argv[2:5])
    else:
        sys.exit(client(sys.argv[2], sys.argv[3], sys.argv[4]))
