package io.wsproto.extensions;

import static io.wsproto.extensions.ExtensionsHandshake.clientExtensionsHandshake;
import static io.wsproto.extensions.ExtensionsHandshake.serverExtensionsHandshake;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.wsproto.RemoteProtocolError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExtensionsHandshakeTest {
    @Test
    void clientOffersEachProposedExtension() {
        PerMessageDeflate pmd = new PerMessageDeflate(new PerMessageDeflate.Settings(true, false, 12, 6));
        assertEquals(Optional.of("permessage-deflate; client_no_context_takeover; server_max_window_bits=12"),
                ExtensionsHandshake.clientOffer(List.of(pmd)));
        assertEquals(Optional.empty(), ExtensionsHandshake.clientOffer(List.of()));
    }

    @Test
    void serverAcceptsTheFirstAcceptableOfferAndEnablesTheExtension() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        Optional<String> response = serverExtensionsHandshake(
                List.of("x-unknown, permessage-deflate; server_max_window_bits=10", "permessage-deflate; client_max_window_bits"),
                List.of(pmd));
        assertEquals(Optional.of("permessage-deflate"), response, "the 10-bit offer is declined, the next one taken");
        assertTrue(pmd.enabled());
    }

    @Test
    void serverReturnsNothingWhenNothingIsAcceptable() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        assertEquals(Optional.empty(), serverExtensionsHandshake(List.of("x-other; a=1"), List.of(pmd)));
        assertFalse(pmd.enabled());
    }

    @Test
    void serverReportsMalformedHeaderAsRemoteError() {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> serverExtensionsHandshake(List.of("permessage-deflate; ="), List.of(new PerMessageDeflate())));
        assertTrue(e.getMessage().contains("Sec-WebSocket-Extensions"));
    }

    @Test
    void clientAcceptsWhatItOffered() {
        PerMessageDeflate pmd = new PerMessageDeflate();
        List<Extension> accepted = clientExtensionsHandshake(List.of("permessage-deflate; server_no_context_takeover"), List.of(pmd));
        assertEquals(List.of(pmd), accepted);
        assertTrue(pmd.enabled());
        assertTrue(pmd.inboundNoContextTakeover());
    }

    @Test
    void clientRejectsAnExtensionItNeverOffered() {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> clientExtensionsHandshake(List.of("x-surprise"), List.of(new PerMessageDeflate())));
        assertTrue(e.getMessage().contains("did not offer"));
    }

    @Test
    void clientRejectsTheSameExtensionAcceptedTwice() {
        RemoteProtocolError e = assertThrows(RemoteProtocolError.class,
                () -> clientExtensionsHandshake(List.of("permessage-deflate", "permessage-deflate"), List.of(new PerMessageDeflate())));
        assertTrue(e.getMessage().contains("twice"));
    }

    @Test
    void noHeaderMeansNoExtensions() {
        assertEquals(List.of(), clientExtensionsHandshake(List.of(), List.of(new PerMessageDeflate())));
    }
}
