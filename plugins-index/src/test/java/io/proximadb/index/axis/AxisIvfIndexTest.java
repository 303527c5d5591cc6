package io.proximadb.index.axis;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code axis}, restricted to IVF-Flat, searched at the nprobe it chose.
 * The target is set high because the suite's queries are drawn apart from its data, and AXIS tunes
 * for queries like the data (docs/axis.md).
 */
class AxisIvfIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new AxisIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("target_recall", "0.999", "candidates", "ivf");
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
