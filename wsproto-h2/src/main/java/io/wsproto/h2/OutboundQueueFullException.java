package io.wsproto.h2;

/**
 * A send was refused: the session already had so much waiting to be written (a peer that reads slowly or
 * not at all, or an HTTP/2 flow-control window it does not open) that this message would pass
 * {@link SessionOptions#maxQueuedOutboundBytes()}. Nothing of the message was queued; the WebSocket stays
 * usable unless {@link SessionOptions#closeOnOutboundOverflow()} closed it with 1008.
 */
public final class OutboundQueueFullException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final long queuedBytes;
    private final long messageBytes;
    private final long limit;

    OutboundQueueFullException(long queuedBytes, long messageBytes, long limit) {
        super("send refused: " + queuedBytes + " bytes are still queued for this WebSocket and this message of "
                + messageBytes + " bytes would pass maxQueuedOutboundBytes (" + limit + "); wait for earlier sends to complete");
        this.queuedBytes = queuedBytes;
        this.messageBytes = messageBytes;
        this.limit = limit;
    }

    /** The payload bytes queued when the send was refused. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** The payload bytes of the refused message. */
    public long messageBytes() {
        return messageBytes;
    }

    /** The bound that refused it. */
    public long limit() {
        return limit;
    }
}
