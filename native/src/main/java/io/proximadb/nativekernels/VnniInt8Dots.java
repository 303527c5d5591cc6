package io.proximadb.nativekernels;

import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Int8 dot products of four codes at once on AVX-512 VNNI ({@code pxk_int8_dot_x4}). Found by the
 * quantized kernels through {@link java.util.ServiceLoader}, before {@link Avx2Int8Dots}.
 */
public final class VnniInt8Dots extends LibraryInt8Dots {

    private static final Object OUTCOME = downcall("pxk_vnni_supported", "pxk_int8_dot_x4", "AVX-512 VNNI");
    private static final MethodHandle DOT_X4 = OUTCOME instanceof MethodHandle handle ? handle : null;

    public VnniInt8Dots() {
        super("native-avx512-vnni", OUTCOME);
    }

    @Override
    void call(MemorySegment query, MemorySegment codes, long o0, long o1, long o2, long o3, int dimension,
            MemorySegment out) throws Throwable {
        DOT_X4.invokeExact(query, codes, o0, o1, o2, o3, dimension, out);
    }
}
