package io.proximadb.storage.segment.viper;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A binary column read in place: {@code n}, {@code n + 1} offsets, then the entries' bytes (see
 * the format's page). Entries compare as unsigned bytes, which for UTF-8 is code point order.
 * Immutable and thread-safe.
 */
final class BinaryColumn {

    private final MemorySegment offsets;
    private final MemorySegment bytes;
    private final long count;

    private BinaryColumn(MemorySegment offsets, MemorySegment bytes, long count) {
        this.offsets = offsets;
        this.bytes = bytes;
        this.count = count;
    }

    /** Reads a column at the reader's position, checking that its offsets are in order and in bounds. */
    static BinaryColumn read(ByteReader in) {
        long count = in.u64(in.remaining() / Long.BYTES - 1);
        MemorySegment offsets = in.slice((count + 1) * Long.BYTES);
        long previous = 0;
        if (offsets.get(Layout.LONG, 0) != 0) {
            throw in.corrupt("binary column's first offset is not 0");
        }
        for (long i = 1; i <= count; i++) {
            long offset = offsets.get(Layout.LONG, i * Long.BYTES);
            if (offset < previous) {
                throw in.corrupt("binary column offsets decrease at entry " + i);
            }
            previous = offset;
        }
        return new BinaryColumn(offsets, in.slice(previous), count);
    }

    long count() {
        return count;
    }

    private long start(long entry) {
        return offsets.get(Layout.LONG, entry * Long.BYTES);
    }

    private long end(long entry) {
        return offsets.get(Layout.LONG, (entry + 1) * Long.BYTES);
    }

    MemorySegment entry(long entry) {
        return bytes.asSlice(start(entry), end(entry) - start(entry));
    }

    String string(long entry) {
        return new String(entry(entry).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
    }

    /** Compares entry {@code a} with entry {@code b}. */
    int compare(long a, long b) {
        return compare(a, bytes, start(b), end(b));
    }

    private int compare(long entry, MemorySegment key, long keyFrom, long keyTo) {
        long from = start(entry);
        long to = end(entry);
        long mismatch = MemorySegment.mismatch(bytes, from, to, key, keyFrom, keyTo);
        if (mismatch < 0) {
            return 0;
        }
        if (mismatch == to - from || mismatch == keyTo - keyFrom) {
            return Long.compare(to - from, keyTo - keyFrom);
        }
        return Integer.compare(bytes.get(ValueLayout.JAVA_BYTE, from + mismatch) & 0xFF,
                key.get(ValueLayout.JAVA_BYTE, keyFrom + mismatch) & 0xFF);
    }

    /** The entry equal to {@code key} in a column sorted by bytes, or -1. */
    long find(byte[] key) {
        MemorySegment probe = MemorySegment.ofArray(key);
        long low = 0;
        long high = count - 1;
        while (low <= high) {
            long mid = (low + high) >>> 1;
            int order = compare(mid, probe, 0, key.length);
            if (order < 0) {
                low = mid + 1;
            } else if (order > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    /** Checks that entries are strictly increasing, as ids and dictionaries must be. */
    void requireStrictlyIncreasing(String part) {
        for (long i = 1; i < count; i++) {
            if (compare(i - 1, i) >= 0) {
                throw new CorruptSectionException(part, "entries " + (i - 1) + " and " + i + " are not in increasing order");
            }
        }
    }
}
