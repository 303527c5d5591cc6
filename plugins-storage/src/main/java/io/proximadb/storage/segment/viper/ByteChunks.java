package io.proximadb.storage.segment.viper;

import java.util.Arrays;

/**
 * A growable byte store of up to {@code Long.MAX_VALUE} bytes, in chunks of 1 MiB so that growing
 * never copies more than one chunk and no single array exceeds what Java allows. The first chunk
 * starts small and doubles, so that the many small columns of a segment cost little. Used by the
 * writer to buffer variable-length columns; not thread-safe.
 */
final class ByteChunks extends BlockSink {

    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int MASK = CHUNK - 1;
    private static final int INITIAL = 64;

    /** Every chunk but the last is full; the last is {@link #block}. */
    private byte[][] chunks;
    private int chunkCount = 1;

    ByteChunks() {
        super(new byte[INITIAL]);
        chunks = new byte[][] {block};
    }

    long size() {
        return (long) (chunkCount - 1) * CHUNK + fill;
    }

    @Override
    protected void full() {
        if (block.length < CHUNK) {
            block = Arrays.copyOf(block, Math.min(CHUNK, block.length * 2));
        } else {
            if (chunkCount == chunks.length) {
                chunks = Arrays.copyOf(chunks, chunkCount * 2);
            }
            block = new byte[CHUNK];
            chunkCount++;
            fill = 0;
        }
        chunks[chunkCount - 1] = block;
    }

    byte get(long position) {
        return chunks[(int) (position >>> CHUNK_BITS)][(int) (position & MASK)];
    }

    byte[] copy(long from, int length) {
        byte[] out = new byte[length];
        int done = 0;
        while (done < length) {
            long at = from + done;
            byte[] chunk = chunks[(int) (at >>> CHUNK_BITS)];
            int within = (int) (at & MASK);
            int n = Math.min(length - done, chunk.length - within);
            System.arraycopy(chunk, within, out, done, n);
            done += n;
        }
        return out;
    }

    /** Writes bytes {@code from..to-1} to {@code sink}. */
    void copyTo(ByteSink sink, long from, long to) {
        long at = from;
        while (at < to) {
            byte[] chunk = chunks[(int) (at >>> CHUNK_BITS)];
            int within = (int) (at & MASK);
            int n = (int) Math.min(to - at, chunk.length - within);
            sink.putBytes(chunk, within, n);
            at += n;
        }
    }

    /** Compares two byte ranges as unsigned bytes, lexicographically (UTF-8 code point order). */
    int compare(long aFrom, long aTo, long bFrom, long bTo) {
        if (sameChunk(aFrom, aTo) && sameChunk(bFrom, bTo)) {
            return Arrays.compareUnsigned(chunks[(int) (aFrom >>> CHUNK_BITS)], (int) (aFrom & MASK), (int) (aFrom & MASK) + (int) (aTo - aFrom),
                    chunks[(int) (bFrom >>> CHUNK_BITS)], (int) (bFrom & MASK), (int) (bFrom & MASK) + (int) (bTo - bFrom));
        }
        long length = Math.min(aTo - aFrom, bTo - bFrom);
        for (long i = 0; i < length; i++) {
            int order = Integer.compare(get(aFrom + i) & 0xFF, get(bFrom + i) & 0xFF);
            if (order != 0) {
                return order;
            }
        }
        return Long.compare(aTo - aFrom, bTo - bFrom);
    }

    private static boolean sameChunk(long from, long to) {
        return to == from || (from >>> CHUNK_BITS) == ((to - 1) >>> CHUNK_BITS);
    }

    /** The whole content as one array; only for small stores (footers). */
    byte[] toArray() {
        return copy(0, Math.toIntExact(size()));
    }
}
