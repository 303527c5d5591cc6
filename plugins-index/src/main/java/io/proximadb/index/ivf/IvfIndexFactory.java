package io.proximadb.index.ivf;

import io.proximadb.index.cluster.Centroids;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.index.quant.pq.ProductQuantizer;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.vector.VectorKernels;
import java.lang.foreign.MemorySegment;

/**
 * The {@code ivf} index: an inverted file over k-means lists, storing either the ordinals
 * (IVF-Flat, exact distances on the vectors in place) or product-quantized residuals (IVF-PQ,
 * re-ranked exactly), or {@code sq8} or {@code binary} codes of the vectors (re-ranked exactly). Persisted in a layout that is searched in place from a memory mapping.
 * Parameters and behaviour: docs/indexes.md; file format: docs/formats/ivf.md.
 */
public final class IvfIndexFactory implements VectorIndexFactory {

    @Override
    public String name() {
        return "ivf";
    }

    @Override
    public String description() {
        return "approximate search on k-means inverted lists (nlist, nprobe), flat, pq (pq_m), sq8 or binary codes re-ranked on float32 (rerank); "
                + "memory-mapped loads";
    }

    @Override
    public boolean supportsPersistence() {
        return true;
    }

    /**
     * The lists an index over {@code count ≥ 1} vectors gets when {@code nlist} is not given,
     * {@code round(4 √count)} within 1 … count: for planners weighing an ivf index before building it.
     */
    public static int defaultLists(long count) {
        return (int) Math.min(Math.max(1, Math.round(4 * Math.sqrt(count))), Math.max(1, count));
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        IvfParams params = IvfParams.parse(spec.params());
        checkDimension(spec, values);
        params.checkDimension(values.dimension());
        return IvfBuilder.build(values, spec.metric(), kernels, params);
    }

    @Override
    public VectorIndex load(IndexSpec spec, VectorValues values, VectorKernels kernels, MemorySegment stored)
            throws IndexFormatException {
        IvfParams.parse(spec.params());
        checkDimension(spec, values);
        IvfFormat.Header header = IvfFormat.check(stored, values.dimension(), values.size(), spec.metric());
        IvfLayout layout = header.layout();
        Centroids centroids = new Centroids(stored, layout.centroidsOffset, layout.nlist, layout.dimension, spec.metric(),
                kernels);
        ProductQuantizer quantizer = null;
        if (layout.pqM > 0) {
            // The codebooks (256 × dimension floats) are copied to the heap for the table loops; the
            // centroids, lists and codes, which grow with the data, are read where they lie.
            float[] codebooks = new float[layout.dimension * ProductQuantizer.CODEWORDS];
            MemorySegment.copy(stored, VectorKernels.STORED_FLOAT, layout.parametersOffset, codebooks, 0, codebooks.length);
            quantizer = new ProductQuantizer(layout.dimension, layout.pqM, codebooks, IvfBuilder.tableMetric(spec.metric()));
        }
        return new IvfIndex(stored, layout, spec.metric(), centroids,
                new StoredVectors(spec.metric(), kernels, values, stored, layout.floatsOffset), quantizer,
                header.quantizer().generic() ? Quantizers.read(header.quantizerFormatId(), spec.metric(), layout.dimension,
                        stored, layout.parametersOffset, kernels) : null, null);
    }

    private static void checkDimension(IndexSpec spec, VectorValues values) {
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors have dimension " + values.dimension()
                    + " but the index is for dimension " + spec.dimension());
        }
    }
}
