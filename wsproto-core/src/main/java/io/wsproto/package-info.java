/**
 * The sans-I/O WebSocket connection of RFC 6455: start with {@link io.wsproto.Connection}, which turns the
 * peer's bytes into {@link io.wsproto.events.Event events} ({@code receiveData}, then {@code nextEvent} or
 * {@code events}) and your events into bytes ({@code send}). {@link io.wsproto.Limits} bounds what a peer
 * can make it hold; {@link io.wsproto.LocalProtocolError} and {@link io.wsproto.RemoteProtocolError} say
 * whose mistake an error was; {@link io.wsproto.CloseCode} names the close codes and which may travel.
 */
package io.wsproto;
