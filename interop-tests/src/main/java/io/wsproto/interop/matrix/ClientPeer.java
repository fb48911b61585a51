package io.wsproto.interop.matrix;

import java.util.Set;

/** A client in the matrix: runs the echo plan against one server over one transport. */
abstract class ClientPeer {
    final String name;
    final Set<Transport> transports;
    final Set<Boolean> deflateModes;

    /** @param deflateModes whether the client can run without ({@code false}) and with ({@code true}) permessage-deflate */
    ClientPeer(String name, Set<Transport> transports, Set<Boolean> deflateModes) {
        this.name = name;
        this.transports = transports;
        this.deflateModes = deflateModes;
    }

    /** Why this client cannot run on this machine, or null when it can. */
    String absentBecause() {
        return null;
    }

    /** Why this client cannot meet this server at all (beyond transports and deflate), or null. */
    String notApplicableWith(ServerPeer server) {
        return null;
    }

    /** Why this client cannot meet this server over this transport (beyond transports and deflate), or null. */
    String notApplicableWith(ServerPeer server, Transport transport) {
        return notApplicableWith(server);
    }

    /**
     * A documented fault of this client that makes it fail against this server (with a link to where it
     * is tracked), or null. The cell still runs: a failure is reported as the peer's bug, a pass as a pass.
     */
    String knownFault(ServerPeer server, Transport transport, boolean deflate) {
        return null;
    }

    /**
     * Runs the echo plan; returns what passed. Fails by throwing, with a message naming the first thing
     * that went wrong, including permessage-deflate negotiated otherwise than asked.
     */
    abstract String run(Workspace workspace, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception;

    /** Runs the echo plan against {@code peer}; a client whose expectations depend on the server overrides this. */
    String run(Workspace workspace, ServerPeer peer, ServerPeer.Running server, Transport transport, boolean deflate) throws Exception {
        return run(workspace, server, transport, deflate);
    }
}
