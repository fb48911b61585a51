package io.wsproto.events;

/**
 * Everything that happens on a WebSocket, in either direction: the application passes events to
 * {@code send} and receives them from {@code events()}. The handshake events ({@link Request},
 * {@link AcceptConnection}, {@link RejectConnection}, {@link RejectData}) are shared by the HTTP/1.1
 * and HTTP/2 front ends; the rest belong to the open connection.
 *
 * <p>Events that carry bytes hand their array over without copying it: neither side may change it
 * afterwards.
 */
public sealed interface Event
        permits Message, Ping, Pong, CloseConnection, Request, AcceptConnection, RejectConnection, RejectData {
}
