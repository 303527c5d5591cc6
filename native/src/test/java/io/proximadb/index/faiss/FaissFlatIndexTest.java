package io.proximadb.index.faiss;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.record.Metric;
import java.util.Map;

/** The index contract for {@code faiss} with the exact {@code Flat} index: recall must be perfect. */
class FaissFlatIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new FaissIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("factory", "Flat");
    }

    @Override
    protected double recallFloor() {
        return 1.0;
    }

    @Override
    protected boolean supportsMetric(Metric metric) {
        return metric != Metric.MANHATTAN;
    }
}
