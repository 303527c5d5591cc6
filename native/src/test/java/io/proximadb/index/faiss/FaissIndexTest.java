package io.proximadb.index.faiss;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.record.Metric;

/** The index contract for {@code faiss} with its default factory string, HNSW32, and ef 64. */
class FaissIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new FaissIndexFactory();
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }

    @Override
    protected boolean supportsMetric(Metric metric) {
        return metric != Metric.MANHATTAN;
    }
}
