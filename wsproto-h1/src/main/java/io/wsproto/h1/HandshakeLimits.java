package io.wsproto.h1;

/**
 * Bounds on an HTTP/1.1 handshake head. A head past either bound is refused: a server answers 431, a
 * client fails the handshake.
 *
 * @param maxHeadSize the most bytes of request or response line plus headers, default 8 KiB, as common
 *     servers allow
 * @param maxHeaderCount the most header lines, default 100
 */
public record HandshakeLimits(int maxHeadSize, int maxHeaderCount) {
    /** 8 KiB heads with at most 100 header fields. */
    public static final HandshakeLimits DEFAULT = new HandshakeLimits(8 * 1024, 100);

    /** Checks the bounds are positive. */
    public HandshakeLimits {
        if (maxHeadSize < 64) {
            throw new IllegalArgumentException("maxHeadSize must be at least 64, got " + maxHeadSize);
        }
        if (maxHeaderCount < 4) {
            throw new IllegalArgumentException("maxHeaderCount must be at least 4, got " + maxHeaderCount);
        }
    }
}
