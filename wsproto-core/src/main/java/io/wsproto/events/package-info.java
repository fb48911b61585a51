/**
 * Everything that happens on a WebSocket, as immutable records under the sealed
 * {@link io.wsproto.events.Event}: messages ({@link io.wsproto.events.TextMessage},
 * {@link io.wsproto.events.BytesMessage}), control frames ({@link io.wsproto.events.Ping},
 * {@link io.wsproto.events.Pong}, {@link io.wsproto.events.CloseConnection}) and the opening handshake
 * shared by the HTTP/1.1 and HTTP/2 front ends ({@link io.wsproto.events.Request},
 * {@link io.wsproto.events.AcceptConnection}, {@link io.wsproto.events.RejectConnection},
 * {@link io.wsproto.events.RejectData}).
 */
package io.wsproto.events;
