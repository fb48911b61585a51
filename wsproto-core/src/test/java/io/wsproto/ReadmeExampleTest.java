package io.wsproto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Ping;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.extensions.PerMessageDeflate;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's example, kept compiling and passing. Keep the two in step. */
class ReadmeExampleTest {
    @Test
    void readmeExampleRuns() {
        List<String> log = new ArrayList<>();
        // --- README example start ---
        // Negotiate permessage-deflate as a handshake would (wsproto-h1 and wsproto-h2 do this for you).
        PerMessageDeflate clientDeflate = new PerMessageDeflate(), serverDeflate = new PerMessageDeflate();
        String offer = ExtensionsHandshake.clientOffer(List.of(clientDeflate)).orElseThrow();
        String answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(serverDeflate)).orElseThrow();
        Connection client = new Connection(ConnectionType.CLIENT,
                ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(clientDeflate)));
        Connection server = new Connection(ConnectionType.SERVER, List.of(serverDeflate));

        ByteBuffer toServer = client.send(new TextMessage("hello"));       // bytes for the socket
        server.receiveData(toServer);                                      // bytes from the socket
        for (Event event : server.events()) {
            if (event instanceof TextMessage text && text.messageFinished()) {
                client.receiveData(server.send(new TextMessage("echo: " + text.data())));
            } else if (event instanceof Ping ping) {
                client.receiveData(server.send(ping.response()));
            } else if (event instanceof CloseConnection close) {
                client.receiveData(server.send(close.response()));
            }
        }
        for (Event event : client.events()) {
            log.add(event.toString());                                     // TextMessage[11 chars, ...]
        }
        server.receiveData(client.send(new CloseConnection(CloseCode.NORMAL_CLOSURE, "done")));
        // --- README example end ---
        assertEquals(List.of("TextMessage[11 chars, frameFinished=true, messageFinished=true]"), log);
        assertEquals(ConnectionState.LOCAL_CLOSING, client.state());
        assertEquals(ConnectionState.OPEN, server.state(), "the close moves the state once it is taken");
        assertEquals(1, server.events().size());
        assertEquals(ConnectionState.REMOTE_CLOSING, server.state());
    }
}
