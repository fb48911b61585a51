package io.wsproto.interop.conformance;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * How a case's WebSocket is opened. Against a server under test, the tester offers {@code offer} as its
 * {@code Sec-WebSocket-Extensions}; against a client under test, the client is started with or without
 * permessage-deflate and the tester answers its offer with {@code answer} (null: no extension).
 */
record Negotiation(String offer, boolean clientDeflate, UnaryOperator<String> answer) {
    static final Negotiation NONE = new Negotiation(null, false, offered -> null);

    /** permessage-deflate with default parameters, accepted as offered. */
    static final Negotiation DEFLATE = deflate("permessage-deflate", "permessage-deflate");

    /**
     * permessage-deflate with parameters: the tester offers {@code offer} to a server, and answers a client's
     * permessage-deflate offer with {@code answer}.
     */
    static Negotiation deflate(String offer, String answer) {
        return new Negotiation(offer, true, offered -> offersDeflate(offered) ? answer : null);
    }

    static boolean offersDeflate(String header) {
        return header != null && header.toLowerCase(Locale.ROOT).contains("permessage-deflate");
    }

    boolean wantsDeflate() {
        return offer != null || clientDeflate;
    }
}
