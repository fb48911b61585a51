package io.wsproto.h2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The leak check itself: a buffer dropped without release is reported. */
@ExtendWith(NettyLeaks.class)
class NettyLeaksTest {
    @Test
    void aDroppedBufferIsReported() throws Exception {
        assertEquals("", NettyLeaks.collect(), "nothing leaked before");
        leak();
        String report = "";
        for (int i = 0; i < 20 && report.isEmpty(); i++) {
            report = NettyLeaks.collect();
        }
        assertTrue(report.contains("LEAK"), "the dropped buffer was reported: " + report);
    }

    private static void leak() {
        ByteBuf dropped = PooledByteBufAllocator.DEFAULT.buffer(64);
        dropped.writeInt(42);
    }
}
