package io.proximadb.index.quant;

import java.lang.foreign.MemorySegment;

/**
 * Approximate distances from one query to stored codes, smaller nearer. Made by
 * {@link Quantizer#newScorer()}, bound to a query with {@link #setQuery}, which does once per
 * query whatever can be done once (normalising, folding the quantizer's scales into the query)
 * so that each distance is one pass over a code. Reusable, not thread-safe.
 */
public interface QueryScorer {

    /** Binds the scorer to {@code query}, which is only read, and not kept. */
    void setQuery(float[] query);

    /** The approximate distance to the code at byte {@code offset} of {@code codes}. */
    float distance(MemorySegment codes, long offset);

    /**
     * The approximate distances to four codes, into {@code out[0..3]}: one pass that keeps four
     * streams of cache misses in flight, for a graph walk's scattered reads. Offsets may repeat.
     */
    void distances(MemorySegment codes, long o0, long o1, long o2, long o3, float[] out);

    /** A hint that the four codes at these offsets are scored next; by default nothing. */
    default void prefetch(MemorySegment codes, long o0, long o1, long o2, long o3) {
    }

    /** Heap bytes the scorer holds. */
    long memoryBytes();
}
