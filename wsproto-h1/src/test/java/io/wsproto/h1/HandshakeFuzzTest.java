package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.RemoteProtocolError;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import io.wsproto.events.Request;
import io.wsproto.extensions.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Coverage-guided fuzzing of the HTTP/1.1 handshake in both roles. The only outcomes are events, or a
 * {@link RemoteProtocolError} carrying the response to send; the head never grows past its limits.
 * Regression mode replays {@code src/test/resources/io/wsproto/h1/HandshakeFuzzTestInputs}; see the
 * README for fuzzing mode.
 */
class HandshakeFuzzTest {
    /** Any bytes, in any pieces, at a server waiting for an upgrade request. */
    @FuzzTest(maxDuration = "10m")
    void serverReadsRequests(FuzzedDataProvider data) {
        WSConnection server = new WSConnection(ConnectionType.SERVER);
        boolean accept = data.consumeBoolean();
        byte[] input = prefixed(data, ServerHandshakeTest.request());
        int offset = 0;
        try {
            while (offset < input.length) {
                int n = 1 + (input[offset] & 0x3F) % (input.length - offset);
                server.receiveData(ByteBuffer.wrap(input, offset, n));
                offset += n;
                Event e;
                while ((e = server.nextEvent()) != null) {
                    if (e instanceof Request r) {
                        assertTrue(r.target().startsWith("/") || r.target().startsWith("http"), r.target());
                        if (accept) {
                            server.send(new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()));
                            assertEquals(ConnectionState.OPEN, server.state());
                        } else {
                            server.send(new RejectConnection(403));
                        }
                    } else if (!(e instanceof Message || e instanceof CloseConnection || e instanceof io.wsproto.events.Ping
                            || e instanceof io.wsproto.events.Pong)) {
                        throw new AssertionError("unexpected event " + e);
                    }
                }
            }
        } catch (RemoteProtocolError bad) {
            assertFalse(bad.response().isEmpty(), "a rejected request names the response to send: " + bad);
            assertTrue(bad.response().get(0) instanceof RejectConnection, bad.response().toString());
            int status = ((RejectConnection) bad.response().get(0)).statusCode();
            assertTrue(status >= 400 && status < 600, "status " + status);
        }
    }

    /** Any bytes, in any pieces, at a client that sent its request. */
    @FuzzTest(maxDuration = "10m")
    void clientReadsResponses(FuzzedDataProvider data) {
        WSConnection client = new WSConnection(ConnectionType.CLIENT);
        client.send(new Request("example.com", "/chat", List.of("chat"), List.of(new PerMessageDeflate()), List.of()));
        byte[] input = data.consumeRemainingAsBytes();
        int offset = 0;
        boolean eof = input.length > 0 && (input[0] & 1) == 1;
        try {
            while (offset < input.length) {
                int n = 1 + (input[offset] & 0x3F) % (input.length - offset);
                client.receiveData(ByteBuffer.wrap(input, offset, n));
                offset += n;
            }
            if (eof) {
                client.receiveEof();
            }
            long bodyBytes = 0;
            for (Event e : client.events()) {
                if (e instanceof RejectData d) {
                    bodyBytes += d.data().length;
                } else if (!(e instanceof AcceptConnection || e instanceof RejectConnection || e instanceof Message
                        || e instanceof CloseConnection || e instanceof io.wsproto.events.Ping || e instanceof io.wsproto.events.Pong)) {
                    throw new AssertionError("unexpected event " + e);
                }
            }
            assertTrue(bodyBytes <= input.length);
        } catch (RemoteProtocolError bad) {
            assertTrue(bad.getMessage() != null && !bad.getMessage().isEmpty());
        }
    }

    /** Half the time the fuzzer's bytes follow a valid request, so the search starts past the request line. */
    private static byte[] prefixed(FuzzedDataProvider data, String valid) {
        boolean prefix = data.consumeBoolean();
        byte[] rest = data.consumeRemainingAsBytes();
        if (!prefix) {
            return rest;
        }
        byte[] head = ServerHandshakeTest.ascii(valid);
        byte[] all = new byte[head.length + rest.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(rest, 0, all, head.length, rest.length);
        return all;
    }
}
