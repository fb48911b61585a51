package io.wsproto;

/** Which end of the WebSocket this side is; it decides who masks (RFC 6455 §5.3). */
public enum ConnectionType {
    /** Masks every frame it sends and rejects masked frames. */
    CLIENT,
    /** Never masks and rejects unmasked frames. */
    SERVER
}
