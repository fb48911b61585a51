package io.wsproto;

import io.wsproto.frame.FrameFormat;

/**
 * The bounds on what a peer can make a {@link Connection} hold. Exceeding any of them fails the
 * connection with close code 1009 (message too big); none of them can be reached by a well-behaved peer
 * sending messages within {@link #maxMessageSize()}.
 *
 * @param maxFramePayload the largest payload a single frame may announce. Checked on the frame header,
 *     before any payload is read. Default 16 MiB.
 * @param maxMessageSize the largest message, counted after decompression. Checked as bytes arrive (and as
 *     they are inflated), so a decompression bomb costs at most this much work. Default 16 MiB: large
 *     enough for the documents, images and batches people send over WebSockets, small enough that a
 *     server with a few hundred connections cannot be pushed into gigabytes by peers at the limit.
 * @param maxBufferedInput the most payload the connection holds in events that the application has not
 *     yet taken from {@link Connection#events()}. Incoming data is parsed as it arrives and no frame is
 *     held whole, so this only fills when one call of {@code receiveData} carries (or inflates to) more
 *     than this; it must be at least {@code maxMessageSize}, since one read can carry a whole compressed
 *     message. Default 32 MiB.
 * @param perPart whether {@code maxMessageSize} bounds each part the connection delivers instead of the
 *     whole message: for applications that stream messages part by part and never hold one whole, so a
 *     message may be of any length while no single part (nor a frame of an uncompressed message, nor what
 *     one compressed piece inflates to) exceeds the bound. Default false.
 */
public record Limits(int maxFramePayload, int maxMessageSize, int maxBufferedInput, boolean perPart) {
    /** The default {@link #maxFramePayload()}: 16 MiB. */
    public static final int DEFAULT_MAX_FRAME_PAYLOAD = 16 << 20;
    /** The default {@link #maxMessageSize()}: 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 << 20;
    /** The default {@link #maxBufferedInput()}: 32 MiB. */
    public static final int DEFAULT_MAX_BUFFERED_INPUT = 32 << 20;

    /** The defaults documented on each component. */
    public static final Limits DEFAULT =
            new Limits(DEFAULT_MAX_FRAME_PAYLOAD, DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_BUFFERED_INPUT, false);

    /**
     * Checks the bounds.
     *
     * @throws IllegalArgumentException when the frame bound cannot hold a control frame (125 bytes), the message bound is not positive, or the input bound is below the message bound
     */
    public Limits {
        if (maxFramePayload < FrameFormat.MAX_CONTROL_PAYLOAD) {
            throw new IllegalArgumentException("maxFramePayload must be at least " + FrameFormat.MAX_CONTROL_PAYLOAD + " (a control frame), got " + maxFramePayload);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive, got " + maxMessageSize);
        }
        if (maxBufferedInput < maxMessageSize) {
            throw new IllegalArgumentException("maxBufferedInput (" + maxBufferedInput
                    + ") must be at least maxMessageSize (" + maxMessageSize + ")");
        }
    }

    /**
     * Limits that bound whole messages.
     *
     * @param maxFramePayload the largest frame payload
     * @param maxMessageSize the largest message, after decompression
     * @param maxBufferedInput the most undelivered input
     */
    public Limits(int maxFramePayload, int maxMessageSize, int maxBufferedInput) {
        this(maxFramePayload, maxMessageSize, maxBufferedInput, false);
    }

    /** These limits with every bound set for messages of up to {@code bytes}. */
    public static Limits forMessagesUpTo(int bytes) {
        int buffered = bytes > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : bytes * 2;
        return new Limits(Math.max(FrameFormat.MAX_CONTROL_PAYLOAD, bytes), bytes, buffered, false);
    }

    /**
     * These limits with another frame payload bound.
     *
     * @param bytes the largest frame payload
     * @return the new limits
     */
    public Limits withMaxFramePayload(int bytes) {
        return new Limits(bytes, maxMessageSize, maxBufferedInput, perPart);
    }

    /**
     * These limits with another message size bound.
     *
     * @param bytes the largest message, after decompression
     * @return the new limits
     */
    public Limits withMaxMessageSize(int bytes) {
        return new Limits(maxFramePayload, bytes, Math.max(bytes, maxBufferedInput), perPart);
    }

    /**
     * These limits with another bound on input the application has not taken.
     *
     * @param bytes the most undelivered input
     * @return the new limits
     */
    public Limits withMaxBufferedInput(int bytes) {
        return new Limits(maxFramePayload, maxMessageSize, bytes, perPart);
    }

    /**
     * These limits with the message-size bound applied per delivered part ({@code true}) or per message.
     *
     * @param value whether {@link #maxMessageSize()} bounds each part rather than the whole message
     * @return the new limits
     */
    public Limits withPerPart(boolean value) {
        return new Limits(maxFramePayload, maxMessageSize, maxBufferedInput, value);
    }
}
