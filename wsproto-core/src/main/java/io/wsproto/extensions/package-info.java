/**
 * WebSocket extensions: the {@link io.wsproto.extensions.Extension} interface, permessage-deflate of
 * RFC 7692 ({@link io.wsproto.extensions.PerMessageDeflate}), the grammar of the
 * {@code Sec-WebSocket-Extensions} header ({@link io.wsproto.extensions.ExtensionSpec}), and the
 * negotiation helpers {@link io.wsproto.extensions.ExtensionsHandshake#serverExtensionsHandshake} and
 * {@link io.wsproto.extensions.ExtensionsHandshake#clientExtensionsHandshake}.
 */
package io.wsproto.extensions;
