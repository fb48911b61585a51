package io.wsproto.interop.conformance;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * A permessage-deflate agreement as the tester sees it (RFC 7692 §7), and the tester's own compressor,
 * written on {@code java.util.zip} independently of the library under test.
 *
 * @param testerNoContextTakeover the tester must compress each message on its own
 * @param sutNoContextTakeover the implementation under test agreed to compress each message on its own, so
 *     the tester inflates each message with a fresh window and notices if it did not
 */
record Deflate(boolean testerNoContextTakeover, boolean sutNoContextTakeover, String response) {
    /**
     * Reads a server's {@code Sec-WebSocket-Extensions} response from the side given: null when it names no
     * permessage-deflate.
     */
    static Deflate fromResponse(String response, boolean testerIsClient) {
        if (response == null || !response.toLowerCase(Locale.ROOT).contains("permessage-deflate")) {
            return null;
        }
        String r = response.toLowerCase(Locale.ROOT);
        boolean clientNoContext = r.contains("client_no_context_takeover");
        boolean serverNoContext = r.contains("server_no_context_takeover");
        return testerIsClient ? new Deflate(clientNoContext, serverNoContext, response)
                : new Deflate(serverNoContext, clientNoContext, response);
    }

    /** The tester's compressor: keeps its window across messages unless the agreement says otherwise. */
    static final class Compressor {
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final boolean noContextTakeover;

        Compressor(boolean noContextTakeover) {
            this.noContextTakeover = noContextTakeover;
        }

        /** One message compressed as §7.2.1 says: deflate, sync flush, drop the trailing 00 00 FF FF. */
        byte[] compress(byte[] data) {
            deflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[16384];
            int n;
            while ((n = deflater.deflate(chunk, 0, chunk.length, Deflater.SYNC_FLUSH)) > 0) {
                out.write(chunk, 0, n);
                if (n < chunk.length) {
                    break;
                }
            }
            if (noContextTakeover) {
                deflater.reset();
            }
            byte[] all = out.toByteArray();
            return Arrays.copyOf(all, all.length - 4);
        }
    }
}
