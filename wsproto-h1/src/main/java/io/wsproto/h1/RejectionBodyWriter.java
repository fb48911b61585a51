package io.wsproto.h1;

import io.wsproto.LocalProtocolError;
import io.wsproto.events.Header;
import io.wsproto.events.RejectConnection;
import io.wsproto.events.RejectData;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A server's rejection: the status and headers, then the body framed by the Content-Length the application
 * set, or else chunked. The connection closes after it.
 */
final class RejectionBodyWriter {
    private final RejectConnection reject;
    private final long declaredLength; // -1: chunked
    private long written;

    RejectionBodyWriter(RejectConnection reject) {
        if (reject.statusCode() < 200 || reject.statusCode() > 599) {
            throw new LocalProtocolError("a rejection needs a final status 200-599, got " + reject.statusCode());
        }
        this.reject = reject;
        String length = reject.headers().stream().filter(h -> h.is("Content-Length")).map(Header::value).findFirst().orElse(null);
        if (reject.headers().stream().anyMatch(h -> h.is("Transfer-Encoding") && !h.value().equalsIgnoreCase("chunked"))) {
            throw new LocalProtocolError("a rejection body may only use the chunked transfer coding");
        }
        if (length != null && !length.matches("\\d{1,18}")) {
            throw new LocalProtocolError("invalid Content-Length \"" + length + "\"");
        }
        if (!reject.hasBody() && length != null && !length.equals("0")) {
            throw new LocalProtocolError("Content-Length " + length + " on a rejection without body");
        }
        this.declaredLength = length != null ? Long.parseLong(length) : reject.hasBody() ? -1 : 0;
    }

    byte[] head() {
        List<Header> headers = new ArrayList<>(reject.headers());
        boolean hasLength = headers.stream().anyMatch(h -> h.is("Content-Length"));
        if (declaredLength < 0 && headers.stream().noneMatch(h -> h.is("Transfer-Encoding"))) {
            headers.add(new Header("Transfer-Encoding", "chunked"));
        } else if (!hasLength && declaredLength == 0) {
            headers.add(new Header("Content-Length", "0"));
        }
        if (headers.stream().noneMatch(h -> h.is("Connection"))) {
            headers.add(new Header("Connection", "close"));
        }
        return new HeadWriter("HTTP/1.1 " + reject.statusCode() + " " + ReasonPhrase.of(reject.statusCode())).headers(headers).finish();
    }

    byte[] data(RejectData d) {
        byte[] data = d.data();
        if (declaredLength >= 0) {
            long total = written + data.length;
            if (total > declaredLength || (d.bodyFinished() && total != declaredLength)) {
                throw new LocalProtocolError("rejection body of " + total + " bytes does not match its Content-Length " + declaredLength);
            }
            written = total;
            return data;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
        if (data.length > 0) {
            out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(data);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        if (d.bodyFinished()) {
            out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return out.toByteArray();
    }
}
