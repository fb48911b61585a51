/** WebSockets over HTTP/2 (RFC 8441): extended CONNECT helpers and the Netty 4.2 adapter, h2c and TLS. */
module io.wsproto.h2 {
    requires transitive io.wsproto.core;
    requires transitive io.wsproto.h1;
    requires transitive io.netty.codec.http2;
    requires transitive io.netty.handler;
    requires io.netty.codec.http;
    requires io.netty.codec;
    requires io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires jdk.jfr; // JfrMetrics
    // Optional: only Tls.Provider.BOUNCY_CASTLE loads them.
    requires static org.bouncycastle.provider;
    requires static org.bouncycastle.tls;

    exports io.wsproto.h2;
}
