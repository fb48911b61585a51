package io.wsproto.interop.matrix;

import java.util.Set;

/** A server in the matrix: started once, asked for the echo URL of each transport it serves. */
abstract class ServerPeer {
    /** A started server. */
    interface Running extends AutoCloseable {
        String url(Transport transport);
    }

    final String name;
    final Set<Transport> transports;
    final boolean deflate;

    ServerPeer(String name, Set<Transport> transports, boolean deflate) {
        this.name = name;
        this.transports = transports;
        this.deflate = deflate;
    }

    /** Why this server cannot run on this machine, or null when it can. */
    String absentBecause() {
        return null;
    }

    abstract Running start(Workspace workspace) throws Exception;
}
