package io.proximadb.api;

/**
 * A collection's storage figures at one moment.
 *
 * @param segments               live segments
 * @param segmentRecords         records in them, deleted ones included until a merge drops them
 * @param segmentBytes           their size on disk
 * @param memtableBytes          approximate heap held by the active and frozen memtables
 * @param frozenMemtables        memtables waiting for their flush
 * @param segmentMemoryBytes     heap held beside the mapped segments (deletion sequences, Bloom
 *                               filters, indexes)
 * @param flushes                flushes since the collection opened
 * @param compactions            merges since the collection opened
 * @param bytesWritten           segment, deletion-file and manifest bytes written since it opened
 * @param compactionBytesWritten the part of {@code bytesWritten} that merges wrote
 * @param walBytesWritten        bytes appended to the collection's log since it opened
 */
public record StorageStats(int segments, long segmentRecords, long segmentBytes, long memtableBytes,
                           int frozenMemtables, long segmentMemoryBytes, long flushes, long compactions,
                           long bytesWritten, long compactionBytesWritten, long walBytesWritten) {
}
