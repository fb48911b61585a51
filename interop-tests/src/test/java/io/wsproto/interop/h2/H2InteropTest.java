package io.wsproto.interop.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.interop.peers.EchoClient;
import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.JettyClient;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.OurNettyEchoServer;
import io.wsproto.interop.peers.OurH2Client;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WebSockets over HTTP/2 (RFC 8441) between our client and server and Jetty 12's, over h2c and TLS, with
 * and without permessage-deflate: the echo plan passes, both sides see 1000, the server saw an HTTP/2
 * stream, and deflate was negotiated exactly when offered.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(120)
class H2InteropTest {
    interface ServerFactory {
        EchoServer start() throws Exception;
    }

    interface ClientFactory {
        EchoClient connect(String uri, boolean deflate) throws Exception;
    }

    static Stream<Arguments> pairs() {
        Stream.Builder<Arguments> pairs = Stream.builder();
        ServerFactory ours = OurNettyEchoServer::new;
        ServerFactory jetty = () -> new JettyEchoServer(true);
        ClientFactory ourClient = OurH2Client::new;
        ClientFactory jettyClient = (uri, deflate) -> new JettyClient(uri, deflate, true);
        for (String transport : new String[] {"h2c", "tls"}) {
            for (boolean deflate : new boolean[] {false, true}) {
                pairs.add(Arguments.of("wsproto h2 client", "wsproto h2 server", transport, deflate, ourClient, ours));
                pairs.add(Arguments.of("wsproto h2 client", "Jetty 12 h2 server", transport, deflate, ourClient, jetty));
                pairs.add(Arguments.of("Jetty 12 h2 client", "wsproto h2 server", transport, deflate, jettyClient, ours));
            }
        }
        return pairs.build();
    }

    static Stream<Arguments> servers() {
        ServerFactory ours = OurNettyEchoServer::new;
        ServerFactory jetty = () -> new JettyEchoServer(true);
        return Stream.of(Arguments.of("wsproto h2 server", "h2c", ours), Arguments.of("wsproto h2 server", "tls", ours),
                Arguments.of("Jetty 12 h2 server", "h2c", jetty), Arguments.of("Jetty 12 h2 server", "tls", jetty));
    }

    @ParameterizedTest(name = "wsproto h2 client, 100 streams x 100 messages -> {0} over {1}")
    @MethodSource("servers")
    void hundredConcurrentWebSocketsOnOneConnection(String serverName, String transport, ServerFactory servers) throws Exception {
        try (EchoServer server = servers.start()) {
            ConcurrentPlan.run(transport.equals("tls") ? server.tlsUri() : server.h2cUri(), true);
        }
    }

    @ParameterizedTest(name = "Jetty 12 h2 client, 100 streams x 100 messages -> wsproto h2 server over {0}")
    @ValueSource(strings = {"h2c", "tls"})
    void jettyClientHundredConcurrentWebSocketsOnOneConnection(String transport) throws Exception {
        try (EchoServer server = new OurNettyEchoServer()) {
            JettyConcurrentPlan.run(transport.equals("tls") ? server.tlsUri() : server.h2cUri(), true);
            for (int i = 0; i < ConcurrentPlan.STREAMS; i++) {
                EchoServer.SessionReport session = server.nextSession();
                assertEquals(1000, session.closeCodeReceived(), "the close code the server received");
                assertTrue(session.http2() && session.deflate(), "an extended CONNECT stream with deflate");
            }
        }
    }

    @ParameterizedTest(name = "{0} -> {1} over {2}, deflate={3}")
    @MethodSource("pairs")
    void echoPlanOverHttp2(String clientName, String serverName, String transport, boolean deflate,
                           ClientFactory clients, ServerFactory servers) throws Exception {
        try (EchoServer server = servers.start();
             EchoClient client = clients.connect(transport.equals("tls") ? server.tlsUri() : server.h2cUri(), deflate)) {
            assertEquals(deflate, client.deflateNegotiated(), "deflate negotiated as offered, seen by the client");
            EchoPlan.run(client);
            EchoServer.SessionReport session = server.nextSession();
            assertEquals(1000, session.closeCodeReceived(), "the close code the server received");
            assertEquals(deflate, session.deflate(), "deflate negotiated as offered, seen by the server");
            assertTrue(session.http2(), "the WebSocket came as an extended CONNECT stream");
        }
    }
}
