package io.wsproto.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wsproto.RemoteProtocolError;
import java.util.List;

/**
 * Coverage-guided fuzzing of the Sec-WebSocket-Extensions grammar and of permessage-deflate's
 * negotiation in both roles: a header either parses or is refused with {@link IllegalArgumentException}
 * (server) or {@link RemoteProtocolError} (client); whatever a server answers, our client accepts.
 */
class ExtensionHeaderFuzzTest {
    @FuzzTest(maxDuration = "10m")
    void negotiates(FuzzedDataProvider data) {
        String offer = data.consumeString(300);
        String response = data.consumeRemainingAsString();
        try {
            List<ExtensionSpec> specs = ExtensionHeader.parse(offer);
            for (ExtensionSpec spec : specs) {
                ExtensionHeader.requireToken(spec.name(), "name");
            }
            // What parses prints back to something that parses to the same.
            String printed = String.join(", ", specs.stream().map(ExtensionSpec::toString).toList());
            assertEquals(specs, ExtensionHeader.parse(printed), printed);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isEmpty());
        }

        // Server role: an offer it cannot use is declined or refused, never half-accepted.
        PerMessageDeflate server = new PerMessageDeflate();
        String answer = null;
        try {
            answer = ExtensionsHandshake.serverExtensionsHandshake(List.of(offer), List.of(server)).orElse(null);
        } catch (IllegalArgumentException | RemoteProtocolError refused) {
            assertTrue(refused.getMessage() != null);
        }
        if (answer != null) {
            PerMessageDeflate client = new PerMessageDeflate();
            // Our own client, offering what was offered here, accepts the answer when it offered deflate plainly.
            if (offer.trim().equalsIgnoreCase("permessage-deflate")) {
                assertEquals(1, ExtensionsHandshake.clientExtensionsHandshake(List.of(answer), List.of(client)).size());
            }
        }

        // Client role: any response either yields enabled extensions or a RemoteProtocolError.
        try {
            List<Extension> accepted = ExtensionsHandshake.clientExtensionsHandshake(List.of(response), List.of(new PerMessageDeflate()));
            assertTrue(accepted.size() <= 1, accepted.toString());
            accepted.forEach(e -> assertTrue(e.enabled()));
        } catch (RemoteProtocolError refused) {
            assertTrue(refused.getMessage() != null);
        }
    }
}
