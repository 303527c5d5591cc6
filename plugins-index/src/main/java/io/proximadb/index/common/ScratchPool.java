package io.proximadb.index.common;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * A bounded, lock-free pool of per-search scratch: a search takes one from a free slot or makes
 * one, and puts it back into a free slot or drops it. Unlike a {@code ThreadLocal}, the scratch
 * memory lives and dies with the index, whatever threads search it.
 *
 * <p>Shared by hnsw ({@code SearchScratch}) and ivf ({@code IvfScratch}), which had each written
 * this same pool; only the scratch type, how to make one and how to size one differ.
 *
 * @param <T> the scratch type; one instance is used by one search at a time
 */
public final class ScratchPool<T> {

    private final AtomicReferenceArray<T> slots;
    private final Supplier<? extends T> factory;
    private final ToLongFunction<? super T> sizeOf;

    /**
     * @param factory makes a scratch when no pooled one is free
     * @param sizeOf the bytes one scratch holds, for {@link #memoryBytes()}
     */
    public ScratchPool(Supplier<? extends T> factory, ToLongFunction<? super T> sizeOf) {
        this.slots = new AtomicReferenceArray<>(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
        this.factory = Objects.requireNonNull(factory, "factory");
        this.sizeOf = Objects.requireNonNull(sizeOf, "sizeOf");
    }

    /** A pooled scratch if one is free, else a new one. */
    public T take() {
        for (int i = 0; i < slots.length(); i++) {
            // Read before writing, so that empty slots are not bounced between cores.
            T scratch = slots.getPlain(i) == null ? null : slots.getAndSet(i, null);
            if (scratch != null) {
                return scratch;
            }
        }
        return factory.get();
    }

    /** Puts the scratch back into a free slot, or drops it when the pool is full. */
    public void release(T scratch) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.getPlain(i) == null && slots.compareAndSet(i, null, scratch)) {
                return;
            }
        }
    }

    /** Bytes held by the scratches waiting in the pool (those in use by a search are not counted). */
    public long memoryBytes() {
        long bytes = 0;
        for (int i = 0; i < slots.length(); i++) {
            T scratch = slots.get(i);
            bytes += scratch == null ? 0 : sizeOf.applyAsLong(scratch);
        }
        return bytes;
    }

    /** Drops every pooled scratch, so that a closed index frees its memory. */
    public void clear() {
        for (int i = 0; i < slots.length(); i++) {
            slots.set(i, null);
        }
    }
}
