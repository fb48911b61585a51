package io.wsproto.interop.conformance;

/** Which end of the WebSocket the implementation under test plays; the tester plays the other. */
enum Role {
    SERVER, CLIENT;

    boolean sutIsClient() {
        return this == CLIENT;
    }
}
