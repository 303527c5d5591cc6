package io.proximadb.index.hnsw;

import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.memory.LargePages;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.VarHandle;

/**
 * The {@code hnsw} index: a hierarchical navigable small-world graph (Malkov and Yashunin),
 * built in parallel, persisted in a layout that is searched in place from a memory mapping.
 * Parameters and behaviour: docs/indexes.md; file format: docs/formats/hnsw.md.
 */
public final class HnswIndexFactory implements VectorIndexFactory {

    /** Bytes of vector copies this factory's open indexes may hold together (see {@link ResidentVectors}). */
    private final ResidentBudget residentBudget;

    public HnswIndexFactory() {
        this(ResidentBudget.ofPhysicalMemory());
    }

    HnswIndexFactory(ResidentBudget residentBudget) {
        this.residentBudget = residentBudget;
    }

    @Override
    public String name() {
        return "hnsw";
    }

    @Override
    public String description() {
        return "approximate search on an HNSW graph (m, ef_construction, ef); optional sq8, pq (pq_m) or binary codes with a float32"
                + " rerank (quantizer, rerank); parallel build, memory-mapped loads";
    }

    @Override
    public boolean supportsPersistence() {
        return true;
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        HnswParams params = HnswParams.parse(spec.params());
        checkDimension(spec, values);
        params.checkDimension(values.dimension());
        byte[] levels = Levels.draw(values.size(), params.levelMultiplier(), params.seed());
        boolean cosine = spec.metric() == Metric.COSINE;
        Quantizer quantizer = Quantizers.train(params.quantizer(), spec.metric(), values, kernels, params.quantizerOptions());
        int codeStride = quantizer == null ? 0 : quantizer.bytesPerVector();
        HnswLayout layout = HnswLayout.forLevels(levels, params.m(), params.m0(), cosine,
                quantizer == null ? 0 : quantizer.parameterBytes(), codeStride);
        Arena arena = Arena.ofShared();
        // The build walks the graph as searches do, so it reads the copy too.
        ResidentShare share = quantizer == null ? shareFor(values) : ResidentShare.none();
        try {
            VectorValues walked = share.bytes() > 0 ? ResidentVectors.copyOf(values, arena) : values;
            MemorySegment data = LargePages.allocate(arena, layout.size);
            HnswFormat.writeLevels(data, layout, levels);
            if (cosine) {
                VectorDistance.writeInverseNorms(values, data, layout.normsOffset);
            }
            if (quantizer != null) {
                quantizer.writeParameters(data, layout.quantizerOffset);
                for (int node = 0; node < values.size(); node++) {
                    quantizer.encode(values.vector(node), data, layout.codesOffset + node * layout.codeStride);
                }
            }
            HnswGraph graph = new HnswGraph(data, layout);
            VectorDistance distance = new VectorDistance(spec.metric(), kernels, walked, data, layout.normsOffset);
            HnswBuilder builder = new HnswBuilder(graph, distance, params, levels, values.dimension());
            builder.insertAll();
            HnswFormat.seal(data, layout, new HnswFormat.Header(values.dimension(), values.size(), spec.metric(),
                    params.m(), params.m0(), params.efConstruction(), builder.entryPoint(), builder.topLevel(),
                    layout.upperInts, params.seed(), quantizer == null ? 0 : quantizer.formatId(), codeStride));
            // The builder threads' writes are published with the index, whichever thread searches it.
            VarHandle.releaseFence();
            return new HnswIndex(graph, distance, quantizer, values.dimension(), builder.entryPoint(), builder.topLevel(), arena,
                    share);
        } catch (RuntimeException | Error e) {
            discard(arena, share);
            throw e;
        }
    }

    @Override
    public VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        HnswParams.parse(spec.params());
        checkDimension(spec, values);
        HnswFormat.Header header = HnswFormat.check(stored, values.dimension(), values.size(), spec.metric());
        HnswLayout layout = HnswFormat.layoutOf(header);
        Quantizer quantizer = HnswFormat.quantizerOf(stored, header, layout, kernels);
        HnswGraph graph = new HnswGraph(stored, layout);
        ResidentShare share = quantizer == null ? shareFor(values) : ResidentShare.none();
        if (share.bytes() == 0) {
            VectorDistance distance = new VectorDistance(spec.metric(), kernels, values, stored, layout.normsOffset);
            return new HnswIndex(graph, distance, quantizer, values.dimension(), header.entryPoint(), header.topLevel(), null,
                    share);
        }
        Arena arena = Arena.ofShared();
        try {
            ResidentVectors walked = ResidentVectors.copyOf(values, arena);
            VectorDistance distance = new VectorDistance(spec.metric(), kernels, walked, stored, layout.normsOffset);
            return new HnswIndex(graph, distance, null, values.dimension(), header.entryPoint(), header.topLevel(), arena,
                    share);
        } catch (RuntimeException | Error e) {
            discard(arena, share);
            throw e;
        }
    }

    /**
     * Bytes of the copy of the vectors a float32 (unquantized) index over {@code count} vectors of
     * {@code dimension} holds when built or opened in this process while its factory's budget
     * lasts, or 0 where it searches the segment's own (see {@link ResidentVectors}): for planners
     * weighing memory before building.
     */
    public static long residentVectorBytes(long count, int dimension) {
        long bytes = count * dimension * Float.BYTES;
        return ResidentVectors.pays(bytes) ? bytes : 0;
    }

    /**
     * A float32 walk's share of the budget for a copy of {@code values}: reserved now, waited for
     * while the budget is spent, or none where the walk searches them in place for good (too small
     * or too large a copy, no huge pages).
     */
    private ResidentShare shareFor(VectorValues values) {
        long bytes = ResidentVectors.bytesOf(values);
        if (!ResidentVectors.pays(bytes)) {
            return ResidentShare.none();
        }
        long releases = residentBudget.releases();
        return residentBudget.tryReserve(bytes) ? ResidentShare.held(residentBudget, bytes)
                : ResidentShare.waiting(residentBudget, values, releases);
    }

    /** Frees the memory of an index that failed half way, and gives its share of the budget back. */
    private static void discard(Arena arena, ResidentShare share) {
        try {
            arena.close();
        } finally {
            share.close();
        }
    }

    private static void checkDimension(IndexSpec spec, VectorValues values) {
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors have dimension " + values.dimension()
                    + " but the index is for dimension " + spec.dimension());
        }
    }
}
