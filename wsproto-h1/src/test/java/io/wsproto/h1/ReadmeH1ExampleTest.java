package io.wsproto.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.Message;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's HTTP/1.1 example, kept compiling and passing. Keep the two in step. */
class ReadmeH1ExampleTest {
    @Test
    @Timeout(20)
    void readmeExampleRuns() throws Exception {
        // --- README example start ---
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread server = new Thread(() -> {
            try (Socket socket = listener.accept()) {
                BlockingWebSocket ws = BlockingWebSocket.serverHandshake(socket,
                        request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()),
                        new WebSocketOptions());
                for (Event e = ws.receive(); e != null; e = ws.receive()) {
                    if (e instanceof Message message) {
                        ws.send(message);                  // echo; pings and the close are answered for us
                    }
                }
            } catch (Exception e) {
                e.printStackTrace();
            }
        });
        server.start();

        URI uri = URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/echo");
        try (BlockingWebSocket ws = BlockingWebSocket.connect(uri, new WebSocketOptions().deflate(true))) {
            ws.send(new TextMessage("hello"));
            TextMessage reply = (TextMessage) ws.receive();
            System.out.println(reply.data() + " via " + ws.extensions());   // hello via [permessage-deflate]
            CloseConnection closed = ws.close(1000, "done");
            System.out.println("closed with " + closed.code());           // closed with 1000
        // --- README example end ---
            assertEquals("hello", reply.data());
            assertEquals(1000, closed.code());
        }
        server.join(5000);
        listener.close();
    }
}
