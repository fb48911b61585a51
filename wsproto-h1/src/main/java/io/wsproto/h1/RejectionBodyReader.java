package io.wsproto.h1;

import io.wsproto.RemoteProtocolError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.BiConsumer;

/**
 * The body of a rejection response, delimited as RFC 9112 §6.3 says: by Content-Length, by chunked
 * transfer coding, or by the end of the connection. Data is handed on as it arrives; only a chunk-size
 * line or the trailer section is collected, within the head size limit.
 */
final class RejectionBodyReader {
    private enum Mode { LENGTH, CHUNKED, UNTIL_EOF }
    private enum Chunk { SIZE, DATA, DATA_END, TRAILERS }

    private final Mode mode;
    private final int maxLineLength;
    private long remaining;
    private Chunk chunk = Chunk.SIZE;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean done;

    private RejectionBodyReader(Mode mode, long length, int maxLineLength) {
        this.mode = mode;
        this.remaining = length;
        this.maxLineLength = maxLineLength;
    }

    static RejectionBodyReader contentLength(long length, int maxLineLength) {
        return new RejectionBodyReader(Mode.LENGTH, length, maxLineLength);
    }

    static RejectionBodyReader chunked(int maxLineLength) {
        return new RejectionBodyReader(Mode.CHUNKED, 0, maxLineLength);
    }

    static RejectionBodyReader untilEof() {
        return new RejectionBodyReader(Mode.UNTIL_EOF, 0, 0);
    }

    boolean done() {
        return done;
    }

    /** Reads body bytes from {@code in}; {@code sink} gets each piece and whether the body ended with it. */
    void feed(ByteBuffer in, BiConsumer<byte[], Boolean> sink) {
        while (in.hasRemaining() && !done) {
            switch (mode) {
                case UNTIL_EOF -> sink.accept(take(in, in.remaining()), false);
                case LENGTH -> {
                    byte[] piece = take(in, (int) Math.min(remaining, in.remaining()));
                    remaining -= piece.length;
                    done = remaining == 0;
                    sink.accept(piece, done);
                }
                case CHUNKED -> readChunked(in, sink);
            }
        }
    }

    /** The connection ended: the end of a read-until-EOF body, or a truncated one. */
    void eof(BiConsumer<byte[], Boolean> sink) {
        if (done) {
            return;
        }
        if (mode != Mode.UNTIL_EOF) {
            throw new RemoteProtocolError("the connection ended before the end of the rejection body");
        }
        done = true;
        sink.accept(new byte[0], true);
    }

    private static byte[] take(ByteBuffer in, int n) {
        byte[] piece = new byte[n];
        in.get(piece);
        return piece;
    }

    private void readChunked(ByteBuffer in, BiConsumer<byte[], Boolean> sink) {
        switch (chunk) {
            case SIZE -> {
                String sizeLine = readLine(in);
                if (sizeLine != null) {
                    remaining = chunkSize(sizeLine);
                    chunk = remaining == 0 ? Chunk.TRAILERS : Chunk.DATA;
                }
            }
            case DATA -> {
                byte[] piece = take(in, (int) Math.min(remaining, in.remaining()));
                remaining -= piece.length;
                if (remaining == 0) {
                    chunk = Chunk.DATA_END;
                }
                sink.accept(piece, false);
            }
            case DATA_END -> {
                String end = readLine(in);
                if (end != null) {
                    if (!end.isEmpty()) {
                        throw new RemoteProtocolError("chunk data not followed by CRLF");
                    }
                    chunk = Chunk.SIZE;
                }
            }
            case TRAILERS -> {
                String trailer = readLine(in);
                if (trailer != null && trailer.isEmpty()) {
                    done = true;
                    sink.accept(new byte[0], true);
                }
            }
        }
    }

    /** A CRLF-terminated line, or null until its end arrives. */
    private String readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw new RemoteProtocolError("bare LF in chunked body framing");
                }
                return new String(bytes, 0, bytes.length - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            if (line.size() == maxLineLength) {
                throw new RemoteProtocolError("chunked body framing line exceeds " + maxLineLength + " bytes");
            }
            line.write(b);
        }
        return null;
    }

    private static long chunkSize(String sizeLine) {
        int end = sizeLine.indexOf(';'); // chunk extensions are ignored (RFC 9112 §7.1.1)
        String hex = (end < 0 ? sizeLine : sizeLine.substring(0, end)).strip();
        if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new RemoteProtocolError("invalid chunk size \"" + hex + "\"");
        }
        return Long.parseLong(hex, 16);
    }
}
