/** The sans-I/O WebSocket protocol: frames, messages, close handshake, extensions. JDK only. */
module io.wsproto.core {
    exports io.wsproto;
    exports io.wsproto.events;
    exports io.wsproto.extensions;
    exports io.wsproto.handshake;
}
