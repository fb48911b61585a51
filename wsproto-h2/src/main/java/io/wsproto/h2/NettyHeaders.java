package io.wsproto.h2;

import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.wsproto.events.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Between Netty's header maps and the header lists of {@link ExtendedConnect}. */
final class NettyHeaders {
    private NettyHeaders() {
    }

    static List<Header> toList(Http2Headers headers) {
        List<Header> list = new ArrayList<>(headers.size());
        for (Map.Entry<CharSequence, CharSequence> e : headers) {
            list.add(new Header(e.getKey().toString(), e.getValue().toString()));
        }
        return list;
    }

    static Http2Headers toNetty(List<Header> headers) {
        Http2Headers out = new DefaultHttp2Headers();
        for (Header h : headers) {
            out.add(h.name(), h.value());
        }
        return out;
    }
}
