package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code hnsw} walking on {@code pq} codes (the default 8 sub-spaces of
 * 4 dimensions for the fixtures' 32, so 8 bytes a vector) with the default rerank (4k, at least
 * the beam). The round trip through the file, codebooks included, is the persistence contract's.
 */
class HnswPqIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new HnswIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("quantizer", "pq");
    }

    @Override
    protected double recallFloor() {
        return 0.9;
    }
}
