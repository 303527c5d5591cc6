package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Float32 distance kernels, the innermost loops of every search.
 *
 * <p>Both arrays must have the same length; implementations check it and throw
 * {@link IllegalArgumentException} otherwise. Stateless and thread-safe. Choose an implementation
 * with {@link VectorKernelsProvider#best()}.
 */
public interface VectorKernels {

    /** A short name for logs: {@code scalar} or {@code panama-<bits>}. */
    String name();

    float dot(float[] a, float[] b);

    float squaredL2(float[] a, float[] b);

    /** Cosine similarity; 0 when either vector is all zeros. */
    float cosine(float[] a, float[] b);

    /** Sum of absolute differences. */
    float manhattan(float[] a, float[] b);

    /**
     * The kernels over quantized vectors (int8 and bit codes) that go with these: the scalar ones
     * by default, the Panama ones with the Panama float kernels.
     */
    default QuantizedKernels quantized() {
        return ScalarQuantizedKernels.INSTANCE;
    }

    /**
     * The layout of vectors stored off-heap: little-endian float32, as on disk, aligned to
     * nothing more than a float's natural alignment.
     */
    ValueLayout.OfFloat STORED_FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /*
     * The same kernels against a vector stored in a memory segment (a memory-mapped segment file)
     * at byte offset {@code offset}, {@code a.length} floats long, read in place with no copy. The
     * defaults copy it out; the scalar and Panama kernels read it directly.
     */

    default float dot(float[] a, MemorySegment b, long offset) {
        return dot(a, load(b, offset, a.length));
    }

    default float squaredL2(float[] a, MemorySegment b, long offset) {
        return squaredL2(a, load(b, offset, a.length));
    }

    default float cosine(float[] a, MemorySegment b, long offset) {
        return cosine(a, load(b, offset, a.length));
    }

    default float manhattan(float[] a, MemorySegment b, long offset) {
        return manhattan(a, load(b, offset, a.length));
    }

    /*
     * Four stored vectors at once: out[i] is the kernel against the vector at byte offset oi of
     * b. A graph walk reads vectors in an order no hardware prefetcher can guess, so each distance
     * waits on cache misses; reading four vectors in one pass keeps four streams of misses in
     * flight instead of one, which makes a memory-bound walk about twice as fast. Results equal
     * the single-vector kernels' up to rounding (the sums are formed in another order). The
     * defaults make four single calls. The offsets need not differ.
     */

    default void squaredL2x4(float[] a, MemorySegment b, long o0, long o1, long o2, long o3, float[] out) {
        out[0] = squaredL2(a, b, o0);
        out[1] = squaredL2(a, b, o1);
        out[2] = squaredL2(a, b, o2);
        out[3] = squaredL2(a, b, o3);
    }

    default void dotx4(float[] a, MemorySegment b, long o0, long o1, long o2, long o3, float[] out) {
        out[0] = dot(a, b, o0);
        out[1] = dot(a, b, o1);
        out[2] = dot(a, b, o2);
        out[3] = dot(a, b, o3);
    }

    /** Copies {@code length} stored floats at {@code offset} out of {@code segment}. */
    static float[] load(MemorySegment segment, long offset, int length) {
        float[] vector = new float[length];
        MemorySegment.copy(segment, STORED_FLOAT, offset, vector, 0, length);
        return vector;
    }

    static void checkLengths(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vector lengths differ: " + a.length + " and " + b.length);
        }
    }
}
