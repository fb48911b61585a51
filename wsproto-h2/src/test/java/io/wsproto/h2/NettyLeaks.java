package io.wsproto.h2;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Netty's resource leak detector at PARANOID level (every buffer tracked) for a test class, failing the
 * class if any ByteBuf was garbage-collected without being released. The detectors are created when
 * Netty's buffer classes load, so this extension installs its factory in its own static initializer,
 * which runs before any test class touches Netty.
 */
public final class NettyLeaks implements BeforeAllCallback, AfterAllCallback {
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    static {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new ResourceLeakDetectorFactory() {
            @Override
            @SuppressWarnings("deprecation")
            public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval, long maxActive) {
                return new ResourceLeakDetector<>(resource, samplingInterval) {
                    @Override
                    protected boolean needReport() {
                        return true; // whatever logging backend is present, or none
                    }

                    @Override
                    protected void reportTracedLeak(String resourceType, String records) {
                        LEAKS.add("LEAK: " + resourceType + records);
                    }

                    @Override
                    protected void reportUntracedLeak(String resourceType) {
                        LEAKS.add("LEAK: " + resourceType + " (untraced)");
                    }
                };
            }
        });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        String report = collect();
        if (!report.isEmpty()) {
            throw new AssertionError("Netty reported leaks in " + context.getDisplayName() + ":\n" + report);
        }
    }

    /** Collects garbage, lets the detectors look, and returns (and forgets) what they reported. */
    static String collect() throws InterruptedException {
        // A leak is reported when a later allocation finds the leaked buffer collected.
        for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(50);
            for (ByteBufAllocator a : new ByteBufAllocator[] {PooledByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT}) {
                for (int i = 0; i < 200; i++) {
                    a.buffer(8).release();
                    a.directBuffer(8).release();
                }
            }
        }
        String report = String.join("\n\n", LEAKS);
        LEAKS.clear();
        return report;
    }
}
