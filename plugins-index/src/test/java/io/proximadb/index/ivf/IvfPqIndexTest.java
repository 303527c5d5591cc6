package io.proximadb.index.ivf;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/** The index contract for {@code ivf} as IVF-PQ with its default sub-spaces, nprobe and re-ranking. */
class IvfPqIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new IvfIndexFactory();
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
