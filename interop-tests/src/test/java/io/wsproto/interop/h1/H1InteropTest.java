package io.wsproto.interop.h1;

import io.wsproto.interop.peers.EchoClient;
import io.wsproto.interop.peers.EchoPlan;
import io.wsproto.interop.peers.EchoServer;
import io.wsproto.interop.peers.JdkHttpClient;
import io.wsproto.interop.peers.JettyClient;
import io.wsproto.interop.peers.JettyEchoServer;
import io.wsproto.interop.peers.NettyClient;
import io.wsproto.interop.peers.NettyEchoServer;
import io.wsproto.interop.peers.OurClient;
import io.wsproto.interop.peers.OurEchoServer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every HTTP/1.1 pairing of our client and server with each other and with independent implementations
 * (the JDK's HttpClient, Netty 4.2, Jetty 12): the echo plan passes, both sides see the close as 1000,
 * and permessage-deflate is negotiated exactly when the client offered it.
 */
@org.junit.jupiter.api.extension.ExtendWith(io.wsproto.h2.NettyLeaks.class)
@Timeout(120)
class H1InteropTest {
    interface ServerFactory {
        EchoServer start() throws Exception;
    }

    interface ClientFactory {
        EchoClient connect(String uri, boolean deflate) throws Exception;
    }

    record Peer<T>(String name, T factory, boolean deflate) {
    }

    static Stream<Arguments> pairs() {
        List<Peer<ServerFactory>> servers = List.of(
                new Peer<>("wsproto server", OurEchoServer::new, true),
                new Peer<>("Netty 4.2 server", NettyEchoServer::new, true),
                new Peer<>("Jetty 12 server", JettyEchoServer::new, true));
        List<Peer<ClientFactory>> clients = List.of(
                new Peer<>("wsproto client", OurClient::new, true),
                new Peer<>("JDK HttpClient", (uri, deflate) -> new JdkHttpClient(uri), false),
                new Peer<>("Netty 4.2 client", NettyClient::new, true),
                new Peer<>("Jetty 12 client", JettyClient::new, true));
        Stream.Builder<Arguments> pairs = Stream.builder();
        for (Peer<ClientFactory> client : clients) {
            for (Peer<ServerFactory> server : servers) {
                boolean ours = client.name().startsWith("wsproto") || server.name().startsWith("wsproto");
                if (!ours) {
                    continue; // peers against each other prove nothing about us
                }
                pairs.add(Arguments.of(client.name(), server.name(), false, client.factory(), server.factory()));
                if (client.deflate() && server.deflate()) {
                    pairs.add(Arguments.of(client.name(), server.name(), true, client.factory(), server.factory()));
                }
            }
        }
        return pairs.build();
    }

    @ParameterizedTest(name = "{0} -> {1}, deflate={2}")
    @MethodSource("pairs")
    void echoPlanPassesAndBothSidesSee1000(String clientName, String serverName, boolean deflate,
                                           ClientFactory clients, ServerFactory servers) throws Exception {
        try (EchoServer server = servers.start(); EchoClient client = clients.connect(server.uri(), deflate)) {
            assertEquals(deflate, client.deflateNegotiated(), "permessage-deflate negotiated as offered, seen by the client");
            EchoPlan.run(client);
            EchoServer.SessionReport session = server.nextSession();
            assertEquals(1000, session.closeCodeReceived(), "the close code the server received");
            assertEquals(deflate, session.deflate(), "permessage-deflate negotiated as offered, seen by the server");
        }
    }
}
