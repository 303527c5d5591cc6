package io.proximadb.kernel.storage;

import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.segment.Segment;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * An open segment in a collection: the immutable file, its index, and the sequence number at
 * which each of its records stopped being the newest version.
 *
 * <p>Deletions: {@code deletedAt[ordinal]} is the sequence of the first write (upsert or delete)
 * that superseded the record, {@link #LIVE} if none did, and {@link #ALWAYS} for deletions read
 * back from a deletion file. A reader at sequence {@code s} hides the records deleted at or before
 * {@code s}, so old snapshots keep seeing what they saw. Writers lower entries concurrently (CAS to
 * the minimum); readers see them through the happens-before edge of the published sequence.
 *
 * <p>Lifetime: reference-counted. Each {@link Version} holding the segment owns one reference;
 * when the last goes, the mapping and the index are released. Files are deleted only once the
 * segment is also {@link #retire retired}, i.e. a durable manifest no longer names it.
 */
public final class LiveSegment {

    static final long LIVE = Long.MAX_VALUE;
    static final long ALWAYS = 0L;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final String name;
    private final Segment segment;
    private final SegmentIndexes.OpenIndex index;
    /** Built in the background after open, so that a restart need not wait for it; null until then. */
    private volatile IdBloomFilter ids;
    private final long[] deletedAt;
    private final Consumer<LiveSegment> deleteFiles;
    private int references = 1;
    private boolean retired;
    private boolean released;
    /** The deletion file the durable manifest names, and how many deletions it holds. */
    private volatile String deletionFile;
    private volatile int persistedDeletions;

    LiveSegment(String name, Segment segment, SegmentIndexes.OpenIndex index, BitSet persisted, String deletionFile,
                Consumer<LiveSegment> deleteFiles) {
        this.name = name;
        this.segment = segment;
        this.index = index;
        this.deletedAt = new long[segment.count()];
        Arrays.fill(deletedAt, LIVE);
        persisted.stream().forEach(ordinal -> deletedAt[ordinal] = ALWAYS);
        this.deletionFile = deletionFile;
        this.persistedDeletions = persisted.cardinality();
        this.deleteFiles = deleteFiles;
        if (segment.count() > 0) {
            references++; // the builder's own reference: the segment stays mapped until it is done
            Thread.ofVirtual().name("bloom-" + name).start(() -> {
                try {
                    ids = IdBloomFilter.of(segment);
                } finally {
                    release();
                }
            });
        }
    }

    /** The segment's name in the manifest (its file name without directory). */
    public String name() {
        return name;
    }

    public Segment segment() {
        return segment;
    }

    public VectorIndex index() {
        return index.index();
    }

    /** The file the index persists to beside the segment, or {@code null} if it is rebuilt on open. */
    String indexFile() {
        return index.file();
    }

    /** The ordinal of {@code id}, or -1; the Bloom filter, once built, answers most misses. */
    public int ordinalOf(String id) {
        IdBloomFilter filter = ids;
        return filter != null && !filter.mightContain(id) ? -1 : segment.ordinalOf(id);
    }

    /** Records that the record at {@code ordinal} was superseded at {@code sequence}; keeps the earliest. */
    void markDeleted(int ordinal, long sequence) {
        long current = (long) SLOT.getVolatile(deletedAt, ordinal);
        while (sequence < current) {
            long witness = (long) SLOT.compareAndExchange(deletedAt, ordinal, current, sequence);
            if (witness == current) {
                return;
            }
            current = witness;
        }
    }

    /** The sequence at which the record was superseded, {@link #LIVE} if it was not. */
    long deletedAt(int ordinal) {
        return deletedAt[ordinal];
    }

    /** Whether the record at {@code ordinal} is deleted for a reader at {@code sequence}. */
    public boolean isDeleted(int ordinal, long sequence) {
        return deletedAt[ordinal] <= sequence;
    }

    /** The ordinals deleted at or before {@code sequence}: what a manifest at that sequence persists. */
    BitSet deletedUpTo(long sequence) {
        BitSet deleted = new BitSet(deletedAt.length);
        for (int ordinal = 0; ordinal < deletedAt.length; ordinal++) {
            if (deletedAt[ordinal] <= sequence) {
                deleted.set(ordinal);
            }
        }
        return deleted;
    }

    /** Records live for a reader at {@code sequence} (expiry not considered). */
    public int liveCount(long sequence) {
        int live = 0;
        for (long at : deletedAt) {
            if (at > sequence) {
                live++;
            }
        }
        return live;
    }

    String deletionFile() {
        return deletionFile;
    }

    int persistedDeletions() {
        return persistedDeletions;
    }

    void persisted(String file, int deletions) {
        this.deletionFile = file;
        this.persistedDeletions = deletions;
    }

    /** Heap held beside the mapped file: the deletion sequences and the Bloom filter. */
    long memoryBytes() {
        IdBloomFilter filter = ids;
        return deletedAt.length * 8L + (filter == null ? 0 : filter.memoryBytes()) + index.index().memoryBytes();
    }

    synchronized boolean tryRetain() {
        if (released) {
            return false;
        }
        references++;
        return true;
    }

    synchronized void release() {
        if (--references == 0) {
            released = true;
            index.close();
            segment.close();
            if (retired) {
                deleteFiles.accept(this);
            }
        }
    }

    /** A durable manifest no longer names this segment: its files go once nobody reads it. */
    synchronized void retire() {
        retired = true;
        if (released) {
            deleteFiles.accept(this);
        }
    }

    @Override
    public String toString() {
        return name + "(" + segment.count() + " records)";
    }
}
