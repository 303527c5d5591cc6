package io.proximadb.bench.axis;

import io.proximadb.index.flat.FlatIndexFactory;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import java.util.Map;
import java.util.stream.IntStream;

/** The true nearest neighbours of each query, by the exact {@code flat} index, queries in parallel. */
final class ExactNeighbors {

    private ExactNeighbors() {
    }

    static int[][] of(VectorValues values, Metric metric, float[][] queries, int k, VectorKernels kernels) {
        try (VectorIndex exact = new FlatIndexFactory().build(new IndexSpec(values.dimension(), metric, Map.of()), values,
                kernels)) {
            return IntStream.range(0, queries.length).parallel()
                    .mapToObj(q -> exact.search(queries[q], k, null, Map.of()))
                    .map(found -> found.stream().mapToInt(Neighbor::ordinal).toArray())
                    .toArray(int[][]::new);
        }
    }
}
