package io.proximadb.index.ivf;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code ivf} with {@code binary} codes of the vectors, default nprobe and
 * rerank (64k for the fixtures' 32 dimensions, as for hnsw: see {@code HnswBinaryIndexTest}).
 */
class IvfBinaryIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new IvfIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("quantizer", "binary");
    }

    @Override
    protected double recallFloor() {
        return 0.88;
    }
}
