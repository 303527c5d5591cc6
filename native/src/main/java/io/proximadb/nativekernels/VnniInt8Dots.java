package io.proximadb.nativekernels;

import io.proximadb.nativelib.BundledLibrary;
import io.proximadb.spi.vector.NativeInt8Dots;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Int8 dot products of four codes at once by {@code libproxima_kernels.so}
 * ({@code native/src/main/c/proxima_kernels.c}), on AVX-512 VNNI. Found by the quantized kernels
 * through {@link java.util.ServiceLoader}.
 *
 * <p>The downcall is {@linkplain Linker.Option#critical(boolean) critical} with heap access: the
 * query and the results are passed as the Java arrays themselves, with no copy and no arena per
 * call, and the call costs a few nanoseconds. That is sound because the kernel runs for well under
 * a microsecond and never calls back into Java; a critical call holds off garbage collection
 * while it runs.
 */
public final class VnniInt8Dots implements NativeInt8Dots {

    /** Overrides the bundled library with a path, for development and tests. */
    public static final String LIBRARY_PROPERTY = "proximadb.kernels.library";

    private static final BundledLibrary LIBRARY = new BundledLibrary("/native-kernels", "libproxima_kernels.so",
            LIBRARY_PROPERTY, "the native int8 kernels library");

    /** The two downcalls of the library. */
    private record Handles(MethodHandle dotx4, MethodHandle prefetchx4) {
    }

    /** The handles, or why they are missing, decided once per class: the library is loaded at most once. */
    private static final class Loaded {
        static final Object OUTCOME = load();

        private static Object load() {
            try {
                SymbolLookup lookup = SymbolLookup.libraryLookup(LIBRARY.locate(), Arena.global());
                Linker linker = Linker.nativeLinker();
                MethodHandle supported = linker.downcallHandle(lookup.findOrThrow("pxk_vnni_supported"),
                        FunctionDescriptor.of(ValueLayout.JAVA_INT));
                if ((int) supported.invokeExact() == 0) {
                    return "this CPU lacks AVX-512 VNNI";
                }
                MethodHandle dot = linker.downcallHandle(lookup.findOrThrow("pxk_int8_dot_x4"),
                        FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                        Linker.Option.critical(true));
                MethodHandle prefetch = linker.downcallHandle(lookup.findOrThrow("pxk_prefetch_x4"),
                        FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                                ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                        Linker.Option.critical(false));
                return new Handles(dot, prefetch);
            } catch (BundledLibrary.Unavailable e) {
                return e.getMessage();
            } catch (IOException | RuntimeException e) {
                return "cannot load the native int8 kernels library: " + e.getMessage();
            } catch (Throwable e) {
                return "cannot call the native int8 kernels library: " + e;
            }
        }
    }

    private static final MethodHandle DOT_X4 = Loaded.OUTCOME instanceof Handles handles ? handles.dotx4() : null;
    private static final MethodHandle PREFETCH_X4 = Loaded.OUTCOME instanceof Handles handles ? handles.prefetchx4() : null;

    @Override
    public String name() {
        return "native-avx512-vnni";
    }

    @Override
    public String unavailableReason() {
        return DOT_X4 != null ? null : (String) Loaded.OUTCOME;
    }

    /**
     * The segment's address, without its scope. Passing a segment of a shared arena (a mapped
     * index) makes every downcall acquire and release its session, two atomic updates that
     * measured 5 % of an sq8 search. The caller holds the segment for the call, as index searches
     * do (the storage unmaps a segment only after the last snapshot reading it is closed).
     */
    private static MemorySegment unscoped(MemorySegment codes) {
        return MemorySegment.ofAddress(codes.address());
    }

    @Override
    public void prefetchx4(MemorySegment codes, long o0, long o1, long o2, long o3, int bytes) {
        try {
            PREFETCH_X4.invokeExact(unscoped(codes), o0, o1, o2, o3, bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("native prefetch failed", e);
        }
    }

    @Override
    public void dotx4(byte[] query, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out) {
        if (out.length < 4) {
            throw new IllegalArgumentException("out holds " + out.length + " results, four are written");
        }
        long end = Math.max(Math.max(o0, o1), Math.max(o2, o3)) + query.length;
        if (Math.min(Math.min(o0, o1), Math.min(o2, o3)) < 0 || end > codes.byteSize()) {
            // The native code reads raw addresses: a bad offset must fail here, not read past the mapping.
            throw new IndexOutOfBoundsException("codes of " + query.length + " bytes at offsets " + o0 + ", " + o1
                    + ", " + o2 + ", " + o3 + " exceed a segment of " + codes.byteSize() + " bytes");
        }
        try {
            DOT_X4.invokeExact(MemorySegment.ofArray(query), unscoped(codes), o0, o1, o2, o3, query.length,
                    MemorySegment.ofArray(out));
        } catch (Throwable e) {
            throw new IllegalStateException("native int8 products failed", e);
        }
    }
}
