package io.proximadb.index.ivf;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A bounded, lock-free pool of search scratch, as hnsw's: a search takes one from a free slot or
 * makes one, and puts it back into a free slot or drops it. Unlike a {@code ThreadLocal}, the
 * memory lives and dies with the index, whatever threads search it.
 */
final class ScratchPool {

    private final AtomicReferenceArray<IvfScratch> slots;
    private final Supplier<IvfScratch> factory;

    ScratchPool(Supplier<IvfScratch> factory) {
        this.slots = new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        this.factory = factory;
    }

    IvfScratch take() {
        for (int i = 0; i < slots.length(); i++) {
            // Read before writing, so that empty slots are not bounced between cores.
            IvfScratch scratch = slots.getPlain(i) == null ? null : slots.getAndSet(i, null);
            if (scratch != null) {
                return scratch;
            }
        }
        return factory.get();
    }

    void release(IvfScratch scratch) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, scratch)) {
                return;
            }
        }
    }

    /** Bytes held by the scratches waiting in the pool (those in use are not counted). */
    long memoryBytes() {
        long bytes = 0;
        for (int i = 0; i < slots.length(); i++) {
            IvfScratch scratch = slots.get(i);
            bytes += scratch == null ? 0 : scratch.memoryBytes();
        }
        return bytes;
    }

    void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }
}
