/**
 * The opening-handshake rules that do not depend on the transport, shared by the HTTP/1.1 upgrade and
 * HTTP/2's extended CONNECT: {@link io.wsproto.handshake.HandshakeRules} (subprotocols, extension offers
 * and answers, the version, the headers the handshake owns, bad-request answers) and
 * {@link io.wsproto.handshake.Tokens} (HTTP token lists). Front ends call them; applications rarely need to.
 */
package io.wsproto.handshake;
