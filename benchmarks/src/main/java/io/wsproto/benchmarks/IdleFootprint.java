package io.wsproto.benchmarks;

import io.wsproto.Connection;
import io.wsproto.ConnectionType;
import io.wsproto.events.TextMessage;
import io.wsproto.extensions.Extension;
import io.wsproto.extensions.ExtensionsHandshake;
import io.wsproto.extensions.PerMessageDeflate;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The heap an idle server-side {@link Connection} retains, with and without permessage-deflate, after it
 * has received one message: many connections are made and held, and the heap after GC is compared with
 * the heap before. zlib's own (native) memory for deflate is outside the Java heap and not counted.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wsproto.benchmarks.IdleFootprint</pre>
 */
public final class IdleFootprint {
    private static final int COUNT = 20_000;

    private IdleFootprint() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println(table());
    }

    static String table() throws InterruptedException {
        long plain = bytesPerConnection(() -> used(new Connection(ConnectionType.SERVER)));
        long deflate = bytesPerConnection(IdleFootprint::deflateConnection);
        return String.format(Locale.ROOT, """
                | idle server Connection, after one message | retained heap |
                |---|---|
                | without permessage-deflate | %,d B |
                | with permessage-deflate (heap only; zlib's native buffers are outside it) | %,d B |
                """, plain, deflate);
    }

    /** Receives one masked 5-byte text message, then sits idle. */
    private static Connection used(Connection c) {
        byte[] frame = Inputs.maskedFrames("hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII), true, 1);
        c.receiveData(frame);
        if (!(c.nextEvent() instanceof TextMessage)) {
            throw new IllegalStateException("expected the message");
        }
        return c;
    }

    /** A server connection that has inflated one compressed message (its inflater and scratch are live). */
    private static Connection deflateConnection() {
        PerMessageDeflate client = new PerMessageDeflate();
        PerMessageDeflate server = new PerMessageDeflate();
        String offer = ExtensionsHandshake.clientOffer(List.of(client)).orElseThrow();
        String answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(server)).orElseThrow();
        List<Extension> clientSide = ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(client));
        Connection sender = new Connection(ConnectionType.CLIENT, clientSide);
        Connection c = new Connection(ConnectionType.SERVER, List.of(server));
        c.receiveData(sender.send(new TextMessage("hello")));
        if (!(c.nextEvent() instanceof TextMessage)) {
            throw new IllegalStateException("expected the message");
        }
        sender.send(new io.wsproto.events.CloseConnection(1000, "")); // the client side ends (and frees its deflater)
        for (Extension e : clientSide) {
            e.close();
        }
        return c;
    }

    private static long bytesPerConnection(Supplier<Connection> make) throws InterruptedException {
        Object[] warm = new Object[1000];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = make.get();
        }
        long before = heapAfterGc();
        Object[] held = new Object[COUNT];
        for (int i = 0; i < COUNT; i++) {
            held[i] = make.get();
        }
        long after = heapAfterGc();
        long perConnection = (after - before - 16L - 4L * COUNT) / COUNT; // less the holding array
        if (held[COUNT - 1] == null || warm[0] == null) {
            throw new IllegalStateException();
        }
        return perConnection;
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
