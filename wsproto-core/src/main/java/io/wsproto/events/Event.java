package io.wsproto.events;

/**
 * Everything that happens on a WebSocket, in either direction: the application passes events to
 * {@code send} and receives them from {@code events()}. A switch over an {@code Event} is checked for
 * completeness by the compiler.
 *
 * <p>Events that carry bytes hand their array over without copying it: neither side may change it
 * afterwards.
 */
public sealed interface Event permits Message, Ping, Pong, CloseConnection {
}
