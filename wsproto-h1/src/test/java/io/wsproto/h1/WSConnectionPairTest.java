package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.ConnectionState;
import io.wsproto.ConnectionType;
import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Request;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A client and a server WSConnection in memory: handshake, messages, close. */
class WSConnectionPairTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void handshakeMessagesAndCloseBetweenTwoWSConnections(boolean deflate) {
        WSConnection client = new WSConnection(ConnectionType.CLIENT);
        WSConnection server = new WSConnection(ConnectionType.SERVER);
        List<io.wsproto.extensions.Extension> offered = deflate ? List.of(new PerMessageDeflate()) : List.of();
        server.receiveData(client.send(new Request("localhost", "/echo", List.of("echo"), offered, List.of())));
        Request request = (Request) server.events().get(0);
        assertEquals(deflate ? 1 : 0, request.offeredExtensions().size());

        client.receiveData(server.send(new AcceptConnection("echo", List.of(new PerMessageDeflate()), List.of())));
        AcceptConnection accepted = (AcceptConnection) client.events().get(0);
        assertEquals("echo", accepted.subprotocol());
        assertEquals(deflate, !accepted.extensions().isEmpty(), "deflate negotiated exactly when offered");

        byte[] big = new byte[1 << 20];
        server.receiveData(client.send(new TextMessage("hello")));
        server.receiveData(client.send(new BytesMessage(big)));
        List<Event> atServer = server.events();
        assertEquals(new TextMessage("hello"), atServer.get(0));
        long bytes = atServer.stream().filter(e -> e instanceof BytesMessage).mapToLong(e -> ((BytesMessage) e).data().length).sum();
        assertEquals(big.length, bytes);

        server.receiveData(client.send(new CloseConnection(1000)));
        CloseConnection close = (CloseConnection) server.events().get(0);
        client.receiveData(server.send(close.response()));
        assertEquals(1000, ((CloseConnection) client.events().get(0)).code());
        assertEquals(ConnectionState.CLOSED, client.state());
        assertEquals(ConnectionState.CLOSED, server.state());
        assertTrue(server.connection() != null);
    }
}
