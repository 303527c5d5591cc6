package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code hnsw} walking on {@code binary} codes with the default rerank.
 * The fixtures have 32 dimensions, so a code is 32 bits and a Hamming distance takes 33 values:
 * the coarsest case there is, for which the default rerank is 64 × k (640 of the 3,000 vectors).
 * The floor says what that delivers on random data (0.92–0.97 measured; clustered data and
 * filtered searches 0.99–1.0); binary codes are meant for hundreds of dimensions.
 */
class HnswBinaryIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new HnswIndexFactory();
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
