package io.proximadb.index.axis;

import io.proximadb.spi.index.VectorIndexContractTest;
import io.proximadb.spi.index.VectorIndexFactory;
import java.util.Map;

/**
 * The index contract for {@code axis}, the model (or rules) free to choose among every
 * configuration. The target is set high because the suite's queries are drawn apart from its data,
 * and AXIS tunes for queries like the data (docs/axis.md).
 */
class AxisIndexTest extends VectorIndexContractTest {
    @Override
    protected VectorIndexFactory factory() {
        return new AxisIndexFactory();
    }

    @Override
    protected Map<String, String> buildParams() {
        return Map.of("target_recall", "0.999");
    }

    @Override
    protected double recallFloor() {
        return 0.95;
    }
}
