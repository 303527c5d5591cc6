package io.proximadb.nativekernels;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Int8 dot products of four codes at once on AVX2 ({@code pxk_int8_dot_x4_avx2}): bytes
 * sign-extended to 16 bits and multiplied pairwise into 32-bit sums, about half the instructions
 * of the Java kernels' float products, and with the prefetch of the next codes that Java cannot
 * issue. Found by the quantized kernels through {@link java.util.ServiceLoader} after
 * {@link VnniInt8Dots}, so a CPU with VNNI uses those.
 */
public final class Avx2Int8Dots extends LibraryInt8Dots {

    private static final Object OUTCOME = downcall("pxk_avx2_supported", "pxk_int8_dot_x4_avx2", "AVX2");
    private static final MethodHandle DOT_X4 = OUTCOME instanceof MethodHandle handle ? handle : null;

    public Avx2Int8Dots() {
        super("native-avx2", OUTCOME);
    }

    @Override
    void call(MemorySegment query, MemorySegment codes, long o0, long o1, long o2, long o3, int dimension,
            MemorySegment out) throws Throwable {
        DOT_X4.invokeExact(query, codes, o0, o1, o2, o3, dimension, out);
    }
}
