package io.wsproto.interop.h2;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.OurAutoClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WebSocketClient against an independent server that speaks HTTP/2 by ALPN but does not enable RFC 8441
 * (Jetty 12 with its connect protocol off): it falls back to the HTTP/1.1 upgrade on a new connection, and
 * the echo plan passes; against the same Jetty with RFC 8441 on, it takes an HTTP/2 stream.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(60)
class WebSocketClientFallbackTest {
    @Test
    void jettyWithoutRfc8441GetsTheHttp1Upgrade() throws Exception {
        try (JettyEchoServer jetty = JettyEchoServer.withoutHttp2WebSockets();
             OurAutoClient client = new OurAutoClient("wss://localhost:" + jetty.tlsPort() + "/echo", true, false)) {
            assertTrue(client.deflateNegotiated());
            EchoPlan.run(client);
        }
    }

    @Test
    void jettyWithRfc8441GetsAnHttp2Stream() throws Exception {
        try (JettyEchoServer jetty = new JettyEchoServer(true);
             OurAutoClient client = new OurAutoClient("wss://localhost:" + jetty.tlsPort() + "/echo", false, true)) {
            EchoPlan.run(client);
        }
    }
}
