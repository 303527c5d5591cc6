package io.proximadb.index.ivf;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/** The index contract for {@code ivf} with {@code sq8} codes of the vectors, default nprobe and rerank (2k). */
class IvfSq8IndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new IvfIndexFactory();
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
