package io.proximadb.index.axis;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/** The index contract for {@code axis}, restricted to IVF-Flat, searched at the nprobe it chose. */
class AxisIvfIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new AxisIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("target_recall", "0.99", "candidates", "ivf");
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
