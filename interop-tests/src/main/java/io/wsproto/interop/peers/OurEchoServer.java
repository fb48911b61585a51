package io.wsproto.interop.peers;

import io.wsproto.events.AcceptConnection;
import io.wsproto.events.BytesMessage;
import io.wsproto.events.CloseConnection;
import io.wsproto.events.Event;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.PerMessageDeflate;
import io.wsproto.h1.BlockingWebSocket;
import io.wsproto.h1.WebSocketOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;

/** Our blocking server, a thread per connection, echoing every message as the same type. */
public final class OurEchoServer extends EchoServer {
    private final ServerSocket listener;

    public OurEchoServer() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "our-echo-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                Thread t = new Thread(() -> serve(socket), "our-echo-" + socket.getPort());
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            BlockingWebSocket ws = BlockingWebSocket.serverHandshake(socket,
                    request -> new AcceptConnection(null, List.of(new PerMessageDeflate()), List.of()), new WebSocketOptions());
            if (ws == null) {
                return;
            }
            boolean deflate = !ws.extensions().isEmpty();
            Event e;
            while ((e = ws.receive()) != null) {
                if (e instanceof TextMessage || e instanceof BytesMessage) {
                    ws.send(e);
                } else if (e instanceof CloseConnection close) {
                    sessionEnded(close.code(), deflate);
                }
            }
        } catch (IOException | RuntimeException e) {
            sessionEnded(-1, false);
        }
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    @Override
    public String toString() {
        return "wsproto server";
    }
}
