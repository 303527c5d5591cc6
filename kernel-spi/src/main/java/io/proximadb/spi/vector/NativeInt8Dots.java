package io.proximadb.spi.vector;

import java.lang.foreign.MemorySegment;

/**
 * Int8 dot products computed by a native library where the CPU has instructions for them that
 * the Java Vector API cannot reach (x86's AVX-512 VNNI {@code vpdpbusd} multiplies and adds 64
 * byte pairs at once, AVX2's {@code vpmaddwd} 16 pairs of sign-extended bytes; the Vector API
 * widens each byte to a float first), and a prefetch, which Java has no way to issue. Found with
 * {@link java.util.ServiceLoader} on the class path when the quantized kernels are chosen, and
 * tried in the order the class path lists them, so a provider lists its widest variant first;
 * the {@code native} module provides two. When one is available, the quantized kernels route
 * {@link QuantizedKernels#int8Dotx4} to it and say so through
 * {@link QuantizedKernels#prefersInt8Queries()}. Setting the system property
 * {@code proxima.vector.native=off} leaves it unused.
 *
 * <p>Implementations are stateless and thread-safe, and exact: they return what
 * {@link QuantizedKernels#int8Dot(byte[], MemorySegment, long)} returns.
 */
public interface NativeInt8Dots {

    /** A short name for logs, such as {@code native-avx512-vnni} or {@code native-avx2}. */
    String name();

    /** {@code null} when usable in this process; otherwise why not (no library for this platform, no VNNI, ...). */
    String unavailableReason();

    /**
     * {@code out[j] = Σ query_i · codes[oj + i]} over {@code query.length} signed bytes, for the
     * four offsets; {@code codes} is a native (memory-mapped or off-heap) segment.
     */
    void dotx4(byte[] query, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out);

    /**
     * Starts loading into the cache four codes of {@code bytes} bytes at the offsets of
     * {@code codes}, to be read soon. Only a hint: it reads nothing and cannot fail.
     */
    void prefetchx4(MemorySegment codes, long o0, long o1, long o2, long o3, int bytes);
}
