package io.wsproto.events;

/**
 * A data message, or a part of one. Received messages arrive in parts as their bytes arrive: a part with
 * {@code frameFinished} ends a frame and one with {@code messageFinished} ends the message. When sending,
 * {@code messageFinished == false} sends a fragment and continues the message with the next send.
 */
public sealed interface Message extends Event permits TextMessage, BytesMessage {
    /** Whether this part ends a frame on the wire. Ignored when sending: each send is one frame. */
    boolean frameFinished();

    /** Whether this part ends the message. */
    boolean messageFinished();
}
