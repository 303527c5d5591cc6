package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;

/**
 * Kernels over quantized vectors: int8 codes (scalar quantization) and bit codes (binary
 * quantization). The companions of {@link VectorKernels}, chosen with them: every
 * {@link VectorKernels} names its own through {@link VectorKernels#quantized()}, so that forcing
 * the scalar kernels forces these too.
 *
 * <p>Codes stored off-heap are read in place: int8 codes as one signed byte per dimension, bit
 * codes as little-endian 64-bit words, at any byte offset (no alignment is required). Integer
 * kernels are exact, so every implementation returns the same value; the float-by-int8 kernels
 * agree up to the rounding of float sums formed in another order. Stateless and thread-safe.
 *
 * <p>Why the asymmetric float-by-int8 product is there: a per-dimension scalar quantizer
 * reconstructs {@code x_i ≈ o_i + s_i · c_i} with a per-dimension scale {@code s_i}, so a distance
 * between a float query and a code reduces to one product {@code Σ w_i · c_i} with weights
 * {@code w_i} that fold the query and the scales together once per query (see the {@code sq8}
 * quantizer). Quantizing those weights as well needs one scale for all dimensions, a second
 * rounding of every term. In Java that does not pay: the float-by-int8 product runs as fast as
 * the int8-by-int8 one, which must widen both operands and then their products before adding (see
 * {@code Int8KernelsBenchmark} in the bench module). With native products
 * ({@link NativeInt8Dots}: one VNNI instruction per 64 byte pairs) it does, and
 * {@link #prefersInt8Queries()} says so.
 */
public interface QuantizedKernels {

    /** A short name for logs: {@code scalar} or {@code panama-<bits>}. */
    String name();

    /** {@code Σ a_i · b_i} over signed bytes; exact (an int cannot overflow below 2^17 dimensions). */
    int int8Dot(byte[] a, byte[] b);

    /** {@code Σ (a_i − b_i)²} over signed bytes; exact below 2^15 dimensions. */
    int int8SquaredL2(byte[] a, byte[] b);

    /** {@link #int8Dot(byte[], byte[])} against {@code a.length} codes at byte {@code offset} of {@code b}. */
    int int8Dot(byte[] a, MemorySegment b, long offset);

    /** {@link #int8SquaredL2(byte[], byte[])} against {@code a.length} codes at byte {@code offset} of {@code b}. */
    int int8SquaredL2(byte[] a, MemorySegment b, long offset);

    /**
     * Rounds {@code a} to signed bytes on one scale, {@code out[i] = round(a_i · scale)} with halves
     * rounded up, where {@code scale = 127 / max|a_i|} (1 when every {@code |a_i|} is below
     * {@link Float#MIN_NORMAL}, where 127 / max would overflow); returns {@code scale}. A query's
     * weights for {@link #int8Dotx4}: every query pays it once, over every dimension.
     */
    float roundToInt8(float[] a, byte[] out);

    /** The scale of {@link #roundToInt8} for weights whose largest magnitude is {@code largest}. */
    static float int8Scale(float largest) {
        return largest < Float.MIN_NORMAL ? 1 : 127 / largest;
    }

    /** {@code Σ a_i · c_i}: float weights by signed int8 codes. */
    float floatInt8Dot(float[] a, byte[] codes);

    /** {@link #floatInt8Dot(float[], byte[])} against {@code a.length} codes at byte {@code offset}. */
    float floatInt8Dot(float[] a, MemorySegment codes, long offset);

    /**
     * Four code vectors at once: {@code out[j]} is {@link #floatInt8Dot(float[], MemorySegment, long)}
     * at offset {@code oj}. As with {@link VectorKernels#squaredL2x4}, a graph walk's reads are
     * scattered and four streams of cache misses in flight beat one.
     */
    void floatInt8Dotx4(float[] a, MemorySegment codes, long o0, long o1, long o2, long o3, float[] out);

    /**
     * Four int8 code vectors at once: {@code out[j]} is {@link #int8Dot(byte[], MemorySegment, long)}
     * at offset {@code oj}. Exact, as the single product is.
     */
    default void int8Dotx4(byte[] a, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out) {
        out[0] = int8Dot(a, codes, o0);
        out[1] = int8Dot(a, codes, o1);
        out[2] = int8Dot(a, codes, o2);
        out[3] = int8Dot(a, codes, o3);
    }

    /**
     * A hint that four codes of {@code bytes} bytes at these offsets are read next: where the
     * kernels are native, the CPU starts loading them while the current ones are computed. The
     * Java kernels have no way to prefetch, so by default this does nothing.
     */
    default void prefetchx4(MemorySegment codes, long o0, long o1, long o2, long o3, int bytes) {
    }

    /**
     * Whether {@link #int8Dotx4} on a query quantized to bytes beats {@link #floatInt8Dotx4} on the
     * float query here, by enough to pay for the query's rounding: only when a
     * {@link NativeInt8Dots} computes it. The Java kernels must widen both operands, so they prefer
     * the float query (see the class comment).
     */
    default boolean prefersInt8Queries() {
        return false;
    }

    /** {@code Σ |a_i − s_i · c_i|}: the Manhattan distance to codes decoded with per-dimension scales. */
    float floatInt8Manhattan(float[] a, float[] scales, MemorySegment codes, long offset);

    /** The number of differing bits of two bit codes of equal length. */
    int hamming(long[] a, long[] b);

    /** {@link #hamming(long[], long[])} against {@code a.length} little-endian words at byte {@code offset}. */
    int hamming(long[] a, MemorySegment b, long offset);

    static void checkLengths(int a, int b) {
        if (a != b) {
            throw new IllegalArgumentException("vector lengths differ: " + a + " and " + b);
        }
    }
}
