package io.proximadb.index.faiss;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.proximadb.spi.PluginUnavailableException;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

/**
 * The {@code faiss} index: any FAISS index factory string ({@code Flat}, {@code HNSW32},
 * {@code IVF1024,PQ16}, ...) over the metrics l2, dot and cosine (vectors normalised, inner
 * product), trained on a random sample when the index type needs it. FAISS runs in native code
 * through the shim built by this module; where it could not be built or loaded the plugin is
 * unavailable, with the reason. See {@code docs/indexes.md}.
 */
public final class FaissIndexFactory implements VectorIndexFactory {

    private final FaissLoader loader;

    public FaissIndexFactory() {
        this(FaissLoader.bundled());
    }

    FaissIndexFactory(FaissLoader loader) {
        this.loader = loader;
    }

    @Override
    public String name() {
        return "faiss";
    }

    @Override
    public String description() {
        return "FAISS through Panama FFM: any factory string (HNSW32, IVF1024,PQ16, ...), l2/dot/cosine";
    }

    @Override
    public void checkAvailable() throws PluginUnavailableException {
        loader.library();
    }

    @Override
    public boolean supportsPersistence() {
        return true;
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        checkMetric(spec.metric());
        FaissParams params = FaissParams.parse(spec.params());
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors of dimension " + values.dimension() + " for an index of dimension "
                    + spec.dimension());
        }
        FaissLibrary library = library();
        MemorySegment handle = create(library, spec, params.factory());
        try {
            if (library.isHnsw(handle) || params.efConstruction() > 0) {
                int efConstruction = params.efConstruction() > 0 ? params.efConstruction() : FaissParams.DEFAULT_EF_CONSTRUCTION;
                call(library, "ef_construction", () -> (int) library.setEfConstruction.invokeExact(handle, efConstruction));
            }
            boolean normalise = spec.metric() == Metric.COSINE;
            if (!isTrained(library, handle) && values.size() > 0) {
                VectorFeed.feed(values, trainingSample(values.size(), params), normalise,
                        (rows, count) -> call(library, "train", () -> (int) library.train.invokeExact(handle, count, rows, spec.dimension())));
            }
            VectorFeed.feed(values, null, normalise,
                    (rows, count) -> call(library, "add", () -> (int) library.add.invokeExact(handle, count, rows, spec.dimension())));
            return new FaissIndex(library, handle, spec.metric(), spec.dimension(), values.size(), params.factory());
        } catch (RuntimeException | Error e) {
            free(library, handle);
            throw e;
        }
    }

    @Override
    public VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        checkMetric(spec.metric());
        FaissFormat.Header header = FaissFormat.read(stored, spec.metric(), values.dimension(), values.size());
        FaissLibrary library = library();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment payload = stored.asSlice(header.payloadOffset(), header.payloadLength());
            if (!payload.isNative()) {
                payload = arena.allocate(payload.byteSize()).copyFrom(payload);
            }
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) library.deserialize.invokeExact(payload, payload.byteSize(), out);
            try {
                library.check(status, "read_index");
            } catch (RuntimeException e) {
                throw FaissFormat.refused("cannot be read by FAISS (" + e.getMessage() + ")");
            }
            MemorySegment handle = out.get(ADDRESS, 0);
            MemorySegment total = arena.allocate(JAVA_LONG);
            library.check((int) library.ntotal.invokeExact(handle, total), "ntotal");
            if (total.get(JAVA_LONG, 0) != values.size()) {
                free(library, handle);
                throw FaissFormat.refused("holds " + total.get(JAVA_LONG, 0) + " vectors, not " + values.size());
            }
            return new FaissIndex(library, handle, spec.metric(), values.dimension(), values.size(), header.factory());
        } catch (IndexFormatException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private FaissLibrary library() {
        try {
            return loader.library();
        } catch (PluginUnavailableException e) {
            throw new IllegalStateException("index 'faiss' is unavailable: " + e.getMessage(), e);
        }
    }

    private static void checkMetric(Metric metric) {
        if (metric == Metric.MANHATTAN) {
            throw new IllegalArgumentException("index 'faiss' supports the metrics l2, dot and cosine, not " + metric);
        }
    }

    private static MemorySegment create(FaissLibrary library, IndexSpec spec, String factory) {
        int metric = spec.metric() == Metric.L2 ? FaissLibrary.METRIC_L2 : FaissLibrary.METRIC_INNER_PRODUCT;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(ADDRESS);
            int status = (int) library.create.invokeExact(spec.dimension(), arena.allocateFrom(factory), metric, out);
            library.check(status, "index_factory(\"" + factory + "\")");
            return out.get(ADDRESS, 0);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isTrained(FaissLibrary library, MemorySegment handle) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment out = arena.allocate(JAVA_INT);
            library.check((int) library.isTrained.invokeExact(handle, out), "is_trained");
            return out.get(JAVA_INT, 0) != 0;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** All ordinals ({@code null}) when they fit the sample, else a seeded sample without repeats. */
    private static int[] trainingSample(int size, FaissParams params) {
        if (size <= params.trainSample()) {
            return null;
        }
        int[] ordinals = new int[size];
        for (int i = 0; i < size; i++) {
            ordinals[i] = i;
        }
        Random random = new Random(params.seed());
        for (int i = 0; i < params.trainSample(); i++) { // a partial Fisher-Yates shuffle
            int j = i + random.nextInt(size - i);
            int swap = ordinals[i];
            ordinals[i] = ordinals[j];
            ordinals[j] = swap;
        }
        int[] sample = java.util.Arrays.copyOf(ordinals, params.trainSample());
        java.util.Arrays.sort(sample);
        return sample;
    }

    private static void free(FaissLibrary library, MemorySegment handle) {
        try {
            int ignored = (int) library.free.invokeExact(handle);
        } catch (Throwable e) {
            // Already failing: the first error is the one to report.
        }
    }

    /** A shim call returning a status. */
    @FunctionalInterface
    private interface NativeCall {
        int invoke() throws Throwable;
    }

    private static void call(FaissLibrary library, String what, NativeCall call) {
        int status;
        try {
            status = call.invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        library.check(status, what);
    }
}
