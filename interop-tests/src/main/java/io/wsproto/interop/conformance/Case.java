package io.wsproto.interop.conformance;

import java.util.Set;

/**
 * One protocol case of the catalogue: what the tester does and what the RFC says the implementation under
 * test must do about it.
 *
 * @param id a stable number, category first
 * @param section where the rule is written, e.g. "RFC 6455 §5.5.2"
 * @param roles the roles of the implementation under test the case applies to
 */
record Case(String id, String category, String section, String title, Negotiation negotiation, Set<Role> roles, Script script) {
    /** The case's steps, run on an opened WebSocket. */
    @FunctionalInterface
    interface Script {
        Result run(Probe probe) throws Exception;
    }

    static final Set<Role> BOTH = Set.of(Role.SERVER, Role.CLIENT);
}
