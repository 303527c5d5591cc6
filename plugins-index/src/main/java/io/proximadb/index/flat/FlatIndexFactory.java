package io.proximadb.index.flat;

import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.vector.VectorKernels;

/** The {@code flat} index: exact search by scanning every vector with the SIMD kernels. */
public final class FlatIndexFactory implements VectorIndexFactory {

    @Override
    public String name() {
        return "flat";
    }

    @Override
    public String description() {
        return "exact search: a SIMD scan of every vector, no build cost, recall 1.0";
    }

    @Override
    public VectorIndex build(IndexSpec spec, VectorValues values, VectorKernels kernels) {
        if (!spec.params().isEmpty()) {
            throw new IllegalArgumentException("index 'flat' takes no parameters, got " + spec.params().keySet());
        }
        if (values.dimension() != spec.dimension()) {
            throw new IllegalArgumentException("vectors have dimension " + values.dimension()
                    + " but the index is for dimension " + spec.dimension());
        }
        return new FlatIndex(spec.metric(), values, kernels);
    }
}
