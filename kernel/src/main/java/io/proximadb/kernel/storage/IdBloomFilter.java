package io.proximadb.kernel.storage;

import io.proximadb.spi.segment.Segment;

/**
 * A Bloom filter over a segment's ids, kept in memory beside it. Every write asks each segment
 * whether it holds the written id (to hide the older copy); most writes are of new ids, and this
 * answers "no" for them without a binary search over the segment's id column. About 10 bits per
 * id and 7 probes: roughly a 1 % false-positive rate.
 */
final class IdBloomFilter {

    private static final int BITS_PER_ID = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final long bitMask;

    private IdBloomFilter(int ids) {
        long bits = Long.highestOneBit(Math.max(64L, (long) ids * BITS_PER_ID) - 1) << 1;
        this.words = new long[(int) (bits >>> 6)];
        this.bitMask = bits - 1;
    }

    static IdBloomFilter of(Segment segment) {
        IdBloomFilter filter = new IdBloomFilter(segment.count());
        for (int ordinal = 0; ordinal < segment.count(); ordinal++) {
            filter.add(segment.id(ordinal));
        }
        return filter;
    }

    void add(String id) {
        long hash = hash(id);
        long step = (hash >>> 32) | 1;
        for (int probe = 0; probe < PROBES; probe++) {
            long bit = (hash + probe * step) & bitMask;
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    boolean mightContain(String id) {
        long hash = hash(id);
        long step = (hash >>> 32) | 1;
        for (int probe = 0; probe < PROBES; probe++) {
            long bit = (hash + probe * step) & bitMask;
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    long memoryBytes() {
        return 16L + words.length * 8L;
    }

    /** FNV-1a over the UTF-16 units, finished with MurmurHash3's 64-bit mixer. */
    private static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ id.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
