package io.proximadb.kernel.storage;

import java.util.concurrent.atomic.AtomicLong;

/** What a collection's storage has done since it opened; read by {@code describe()} and the benchmarks. */
final class StorageCounters {
    final AtomicLong flushes = new AtomicLong();
    final AtomicLong compactions = new AtomicLong();
    /** Segment, deletion-file and manifest bytes written by flushes and merges. */
    final AtomicLong segmentBytesWritten = new AtomicLong();
    final AtomicLong compactionBytesWritten = new AtomicLong();
}
