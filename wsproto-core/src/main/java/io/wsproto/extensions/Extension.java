package io.wsproto.extensions;

import io.wsproto.RemoteProtocolError;
import java.util.Optional;

/**
 * A per-message WebSocket extension (RFC 6455 §9, RFC 7692 §4): negotiated in the opening handshake,
 * then transforming the payload of the messages whose first frame carries its RSV bits.
 *
 * <p>An instance holds one connection's state: make one per connection. Negotiation happens through
 * {@link ExtensionsHandshake}: on a client {@link #offer()} then {@link #acceptResponse(ExtensionSpec)}, on a
 * server {@link #accept(ExtensionSpec)}; after that {@link #enabled()} tells whether the
 * {@code Connection} should use it.
 */
public interface Extension {
    /** The extension token in Sec-WebSocket-Extensions, e.g. {@code permessage-deflate}. */
    String name();

    /** Client: the offer to send. */
    ExtensionSpec offer();

    /**
     * Server: answers one offer of this extension. Returns the response to send and enables the extension,
     * or returns empty (changing nothing) to decline this offer so the next one can be tried.
     */
    Optional<ExtensionSpec> accept(ExtensionSpec offer);

    /**
     * Client: applies the server's response and enables the extension. (wsproto calls this
     * {@code finalize}; in Java that name belongs to {@code Object.finalize}.)
     *
     * @throws RemoteProtocolError when the response is not one this client can accept (the handshake
     *     then fails, RFC 6455 §4.1)
     */
    void acceptResponse(ExtensionSpec response);

    /** Whether negotiation succeeded and the connection should use this extension. */
    boolean enabled();

    /**
     * The RSV bits this extension uses, set on the first frame of each message it transforms: RSV1 is
     * 0b100, RSV2 0b010, RSV3 0b001. Frames that continue a message and control frames carry none.
     */
    int rsvBits();

    /**
     * Decodes a piece of an inbound message whose first frame carried {@link #rsvBits()}.
     *
     * @param endOfMessage true with the last piece of the message
     * @param maxOutput the most bytes this piece may decode to; more is a message-too-big error
     * @return the decoded bytes
     * @throws RemoteProtocolError when the data is invalid or decodes to more than {@code maxOutput}; its
     *     hint is the close to send
     */
    byte[] decode(byte[] piece, int off, int len, boolean endOfMessage, long maxOutput);

    /**
     * Encodes one outbound frame's payload.
     *
     * @param endOfMessage true for the last frame of the message
     */
    byte[] encode(byte[] payload, int off, int len, boolean endOfMessage);

    /** Releases what the extension holds (native zlib memory, for example); the connection is closed. */
    default void close() {
    }
}
