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
 * The int8 products of {@code libproxima_kernels.so} ({@code native/src/main/c/proxima_kernels.c}),
 * one subclass per variant of the instructions they run on. The library is opened at most once
 * per process; the prefetch, the argument checks and the lookup of a variant's downcall are shared
 * here.
 *
 * <p>Each variant keeps its downcall in a {@code static final} field of its own class and calls it
 * in {@link #call}, where the JIT treats the handle as a constant and inlines the call; a handle
 * read from an instance field is called through a generic path that costs more per call.
 */
abstract sealed class LibraryInt8Dots implements NativeInt8Dots permits VnniInt8Dots, Avx2Int8Dots {

    /** Overrides the bundled library with a path, for development and tests. */
    static final String LIBRARY_PROPERTY = "proximadb.kernels.library";

    private static final BundledLibrary LIBRARY = new BundledLibrary("/native-kernels", "libproxima_kernels.so",
            LIBRARY_PROPERTY, "the native int8 kernels library");

    /** The opened library, or why it could not be opened. */
    private static final Object LOOKUP = open();

    private static final MethodHandle PREFETCH_X4 = LOOKUP instanceof SymbolLookup lookup
            ? Linker.nativeLinker().downcallHandle(lookup.findOrThrow("pxk_prefetch_x4"),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT),
                    Linker.Option.critical(false))
            : null;

    private final String name;
    /** The variant's downcall, or why it is unavailable. */
    private final Object outcome;

    LibraryInt8Dots(String name, Object outcome) {
        this.name = name;
        this.outcome = outcome;
    }

    /** The variant's downcall, with the arguments checked and the codes' address unscoped. */
    abstract void call(MemorySegment query, MemorySegment codes, long o0, long o1, long o2, long o3, int dimension,
            MemorySegment out) throws Throwable;

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String unavailableReason() {
        return outcome instanceof MethodHandle ? null : (String) outcome;
    }

    @Override
    public final void dotx4(byte[] query, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out) {
        checkArguments(query, codes, o0, o1, o2, o3, out);
        try {
            call(MemorySegment.ofArray(query), unscoped(codes), o0, o1, o2, o3, query.length,
                    MemorySegment.ofArray(out));
        } catch (Throwable e) {
            throw new IllegalStateException("native int8 products failed", e);
        }
    }

    private static Object open() {
        try {
            return SymbolLookup.libraryLookup(LIBRARY.locate(), Arena.global());
        } catch (BundledLibrary.Unavailable e) {
            return e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "cannot load the native int8 kernels library: " + e.getMessage();
        }
    }

    /**
     * The downcall of one variant's four products, {@code void dot(query, codes, o0, o1, o2, o3,
     * dimension, out)}, if the library is open and {@code supportedSymbol} says this CPU runs it;
     * otherwise why not, as a {@code String}.
     *
     * <p>The downcall is {@linkplain Linker.Option#critical(boolean) critical} with heap access:
     * the query and the results are passed as the Java arrays themselves, with no copy and no
     * arena per call, and the call costs a few nanoseconds. That is sound because the kernels run
     * for well under a microsecond and never call back into Java; a critical call holds off
     * garbage collection while it runs.
     *
     * @param instructions how the reason names what the CPU lacks, such as {@code AVX2}
     */
    static Object downcall(String supportedSymbol, String dotSymbol, String instructions) {
        if (!(LOOKUP instanceof SymbolLookup lookup)) {
            return LOOKUP;
        }
        try {
            Linker linker = Linker.nativeLinker();
            MethodHandle supported = linker.downcallHandle(lookup.findOrThrow(supportedSymbol),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            if ((int) supported.invokeExact() == 0) {
                return "this CPU lacks " + instructions;
            }
            return linker.downcallHandle(lookup.findOrThrow(dotSymbol),
                    FunctionDescriptor.ofVoid(ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT, ValueLayout.ADDRESS),
                    Linker.Option.critical(true));
        } catch (RuntimeException e) {
            return "cannot find " + dotSymbol + " in the native int8 kernels library: " + e.getMessage();
        } catch (Throwable e) {
            return "cannot call the native int8 kernels library: " + e;
        }
    }

    /**
     * Fails unless {@code out} holds four results and the four codes of {@code query.length} bytes
     * lie inside {@code codes}: the native code reads raw addresses, so a bad offset must fail
     * here, not read past the mapping.
     */
    private static void checkArguments(byte[] query, MemorySegment codes, long o0, long o1, long o2, long o3, int[] out) {
        if (out.length < 4) {
            throw new IllegalArgumentException("out holds " + out.length + " results, four are written");
        }
        long end = Math.max(Math.max(o0, o1), Math.max(o2, o3)) + query.length;
        if (Math.min(Math.min(o0, o1), Math.min(o2, o3)) < 0 || end > codes.byteSize()) {
            throw new IndexOutOfBoundsException("codes of " + query.length + " bytes at offsets " + o0 + ", " + o1
                    + ", " + o2 + ", " + o3 + " exceed a segment of " + codes.byteSize() + " bytes");
        }
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
    public final void prefetchx4(MemorySegment codes, long o0, long o1, long o2, long o3, int bytes) {
        try {
            PREFETCH_X4.invokeExact(unscoped(codes), o0, o1, o2, o3, bytes);
        } catch (Throwable e) {
            throw new IllegalStateException("native prefetch failed", e);
        }
    }
}
