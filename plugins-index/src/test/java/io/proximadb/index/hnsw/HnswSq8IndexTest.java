package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code hnsw} walking on {@code sq8} codes with the default rerank
 * (2k of the beam): the floor is the float32 index's, since 8 bits per dimension lose almost
 * nothing once the candidates are re-scored.
 */
class HnswSq8IndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new HnswIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("quantizer", "sq8");
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
