package io.wsproto.benchmarks.load;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.wsproto.events.Request;
import io.wsproto.h2.Http2WebSocketClient;
import io.wsproto.h2.Http2WebSocketPipeline;
import io.wsproto.h2.SessionOptions;
import io.wsproto.h2.WebSocketHandler;
import io.wsproto.h2.WebSocketSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * How much heap an idle WebSocket stream costs our server: starts the echo server in a JVM of its own
 * (1 GiB heap), measures its heap after GC, opens N WebSockets over h2c (as many connections as the server's
 * 1,000 concurrent streams per connection require), measures again, and reports the difference per stream.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.wsproto.benchmarks.load.IdleStreams [N]</pre>
 */
public final class IdleStreams {
    private IdleStreams() {
    }

    public static void main(String[] args) throws Exception {
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int perConnection = Http2WebSocketPipeline.MAX_CONCURRENT_STREAMS;
        int connections = (streams + perConnection - 1) / perConnection;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        List<Http2WebSocketClient> clients = new ArrayList<>();
        try (LoadTool.ServerProcess server = LoadTool.ServerProcess.start("ours")) {
            long before = server.heap();
            List<CompletableFuture<WebSocketSession>> opened = new ArrayList<>();
            SessionOptions idleForever = SessionOptions.DEFAULT.withIdleTimeout(Duration.ZERO);
            WebSocketHandler quiet = new WebSocketHandler() {
            };
            for (int c = 0; c < connections; c++) {
                Http2WebSocketClient client = Http2WebSocketClient.connect("127.0.0.1", server.h2cPort, null, idleForever, group)
                        .get(10, TimeUnit.SECONDS);
                clients.add(client);
                for (int s = 0; s < Math.min(perConnection, streams - c * perConnection); s++) {
                    opened.add(client.open(new Request("127.0.0.1", "/echo"), quiet));
                }
            }
            for (CompletableFuture<WebSocketSession> f : opened) {
                f.get(60, TimeUnit.SECONDS);
            }
            long after = server.heap();
            System.out.printf("%,d idle WebSocket streams over %d h2c connections: server heap after GC %,d B before, %,d B with them "
                    + "open (%,.0f MiB); %,d B per idle stream%n", streams, connections, before, after, after / 1048576.0,
                    (after - before) / streams);
        } finally {
            clients.forEach(Http2WebSocketClient::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
