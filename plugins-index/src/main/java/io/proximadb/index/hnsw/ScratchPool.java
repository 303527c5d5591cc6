package io.proximadb.index.hnsw;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A bounded, lock-free pool of {@link SearchScratch}: a search takes one from a free slot or
 * makes one, and puts it back into a free slot or drops it. Unlike a {@code ThreadLocal}, the
 * scratch memory lives and dies with the index, whatever threads search it.
 */
final class ScratchPool {

    private final AtomicReferenceArray<SearchScratch> slots;
    private final int count;
    private final int dimension;
    private final int m0;

    ScratchPool(int count, int dimension, int m0) {
        this.slots = new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        this.count = count;
        this.dimension = dimension;
        this.m0 = m0;
    }

    SearchScratch take() {
        for (int i = 0; i < slots.length(); i++) {
            // Read before writing, so that empty slots are not bounced between cores.
            SearchScratch scratch = slots.getPlain(i) == null ? null : slots.getAndSet(i, null);
            if (scratch != null) {
                return scratch;
            }
        }
        return new SearchScratch(count, dimension, m0, HnswParams.DEFAULT_EF);
    }

    void release(SearchScratch scratch) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, scratch)) {
                return;
            }
        }
    }

    /** Bytes held by the scratches waiting in the pool (those in use by a search are not counted). */
    long memoryBytes() {
        long bytes = 0;
        for (int i = 0; i < slots.length(); i++) {
            SearchScratch scratch = slots.get(i);
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
