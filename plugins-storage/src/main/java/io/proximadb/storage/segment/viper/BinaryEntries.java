package io.proximadb.storage.segment.viper;

/**
 * Variable-length byte entries buffered by the writer (ids, dictionary candidates, encoded
 * values): their bytes back to back in {@link ByteChunks} and the end of each in a
 * {@code long} list, 8 bytes of overhead an entry. Writes itself as a binary column. Not
 * thread-safe.
 */
final class BinaryEntries {

    private final ByteChunks bytes = new ByteChunks();
    private final LongList ends = new LongList(16);

    int size() {
        return ends.size();
    }

    void add(byte[] entry) {
        bytes.putBytes(entry);
        ends.add(bytes.size());
    }

    /** Appends an entry through a sink; call {@link #close()} after writing it. */
    ByteSink open() {
        return bytes;
    }

    /** Ends the entry written through {@link #open()}. */
    void close() {
        ends.add(bytes.size());
    }

    long start(int entry) {
        return entry == 0 ? 0 : ends.get(entry - 1);
    }

    long end(int entry) {
        return ends.get(entry);
    }

    byte[] get(int entry) {
        return bytes.copy(start(entry), Math.toIntExact(end(entry) - start(entry)));
    }

    /** Compares two entries as unsigned bytes, which for UTF-8 is code point order. */
    int compare(int a, int b) {
        return bytes.compare(start(a), end(a), start(b), end(b));
    }

    /** Writes all entries in order as a binary column. */
    void writeColumn(ByteSink out) {
        writeColumn(out, null, size());
    }

    /**
     * Writes a binary column of {@code count} entries, the {@code i}-th being entry
     * {@code order[i]} ({@code i} itself when {@code order} is {@code null}).
     */
    void writeColumn(ByteSink out, int[] order, int count) {
        out.putLong(count);
        long offset = 0;
        out.putLong(offset);
        for (int i = 0; i < count; i++) {
            int entry = order == null ? i : order[i];
            offset += end(entry) - start(entry);
            out.putLong(offset);
        }
        if (order == null) {
            bytes.copyTo(out, 0, count == 0 ? 0 : end(count - 1));
        } else {
            for (int i = 0; i < count; i++) {
                bytes.copyTo(out, start(order[i]), end(order[i]));
            }
        }
    }

    /** A 64-bit hash of an entry's bytes (FNV-1a, then MurmurHash3's finalizer). */
    long hash(int entry) {
        long hash = 0xcbf29ce484222325L;
        for (long at = start(entry), to = end(entry); at < to; at++) {
            hash = (hash ^ (bytes.get(at) & 0xFF)) * 0x100000001b3L;
        }
        hash ^= hash >>> 33;
        hash *= 0xff51afd7ed558ccdL;
        hash ^= hash >>> 33;
        hash *= 0xc4ceb9fe1a85ec53L;
        return hash ^ (hash >>> 33);
    }
}
