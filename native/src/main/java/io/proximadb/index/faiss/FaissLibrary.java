package io.proximadb.index.faiss;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;

/**
 * The downcall handles of {@code libproxima_faiss.so} (see {@code native/src/main/cpp/proxima_faiss.h})
 * and the translation of its status codes into Java exceptions. Immutable and thread-safe; the
 * shim keeps its last error per thread, so {@link #check} reads it on the thread that failed.
 *
 * <p>Uses FFM's restricted methods (library lookup, downcalls, {@code reinterpret}): that is the
 * point of this class, and the launcher and Surefire grant {@code --enable-native-access}.
 */
@SuppressWarnings("restricted")
final class FaissLibrary {

    static final int METRIC_L2 = 0;
    static final int METRIC_INNER_PRODUCT = 1;

    private static final int KIND_HNSW = 1;
    private static final int OK = 0;
    private static final int INVALID_ARGUMENT = 1;

    final MethodHandle lastError;
    final MethodHandle create;
    final MethodHandle free;
    final MethodHandle ntotal;
    final MethodHandle isTrained;
    final MethodHandle kind;
    final MethodHandle setEfConstruction;
    final MethodHandle train;
    final MethodHandle add;
    final MethodHandle search;
    final MethodHandle rangeSearch;
    final MethodHandle rangeCopy;
    final MethodHandle serialize;
    final MethodHandle blobFree;
    final MethodHandle deserialize;

    private FaissLibrary(SymbolLookup lookup) {
        Linker linker = Linker.nativeLinker();
        lastError = handle(linker, lookup, "pxf_last_error", FunctionDescriptor.of(ADDRESS));
        create = handle(linker, lookup, "pxf_create", status(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        free = handle(linker, lookup, "pxf_free", status(ADDRESS));
        ntotal = handle(linker, lookup, "pxf_ntotal", status(ADDRESS, ADDRESS));
        isTrained = handle(linker, lookup, "pxf_is_trained", status(ADDRESS, ADDRESS));
        kind = handle(linker, lookup, "pxf_kind", status(ADDRESS, ADDRESS));
        setEfConstruction = handle(linker, lookup, "pxf_set_ef_construction", status(ADDRESS, JAVA_INT));
        train = handle(linker, lookup, "pxf_train", status(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT));
        add = handle(linker, lookup, "pxf_add", status(ADDRESS, JAVA_LONG, ADDRESS, JAVA_INT));
        search = handle(linker, lookup, "pxf_search", status(ADDRESS, ADDRESS, JAVA_INT, JAVA_LONG, ADDRESS,
                JAVA_LONG, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        rangeSearch = handle(linker, lookup, "pxf_range_search", status(ADDRESS, ADDRESS, JAVA_INT, JAVA_FLOAT,
                ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
        rangeCopy = handle(linker, lookup, "pxf_range_copy", status(ADDRESS, ADDRESS, ADDRESS));
        serialize = handle(linker, lookup, "pxf_serialize", status(ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        blobFree = handle(linker, lookup, "pxf_blob_free", status(ADDRESS));
        deserialize = handle(linker, lookup, "pxf_deserialize", status(ADDRESS, JAVA_LONG, ADDRESS));
    }

    /**
     * Opens the shim at {@code library}; it stays loaded for the life of the process (the global
     * arena), as native libraries do.
     *
     * @throws IllegalArgumentException if the library cannot be opened (missing, wrong platform,
     *         a shared dependency such as OpenBLAS missing), with the loader's message
     * @throws IllegalStateException    if a symbol is missing (a shim from another version)
     */
    static FaissLibrary open(Path library) {
        return new FaissLibrary(SymbolLookup.libraryLookup(library, Arena.global()));
    }

    /**
     * Throws for a non-zero status of a call just made on this thread: {@link IllegalArgumentException}
     * for bad input, {@link FaissException} otherwise, both with the shim's (FAISS's) message.
     */
    void check(int status, String what) {
        if (status == OK) {
            return;
        }
        String message = "faiss " + what + ": " + lastErrorMessage();
        if (status == INVALID_ARGUMENT) {
            throw new IllegalArgumentException(message);
        }
        throw new FaissException(message);
    }

    /** Whether the index behind {@code handle} is an HNSW index (its per-query {@code ef} applies). */
    boolean isHnsw(MemorySegment handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            check((int) kind.invokeExact(handle, out), "kind");
            return (out.get(JAVA_INT, 0) & KIND_HNSW) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private String lastErrorMessage() {
        try {
            MemorySegment text = (MemorySegment) lastError.invokeExact();
            return text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot read the faiss shim's last error", e);
        }
    }

    private static FunctionDescriptor status(java.lang.foreign.MemoryLayout... arguments) {
        return FunctionDescriptor.of(JAVA_INT, arguments);
    }

    private static MethodHandle handle(Linker linker, SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = lookup.find(name)
                .orElseThrow(() -> new IllegalStateException("the faiss shim has no symbol " + name + "; rebuild it"));
        return linker.downcallHandle(symbol, descriptor);
    }
}
