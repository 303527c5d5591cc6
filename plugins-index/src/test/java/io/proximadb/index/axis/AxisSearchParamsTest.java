package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A collection's segments may hold different indexes, so a query's effort parameters reach the
 * segments they belong to and are left aside by the others; what no segment could take is refused.
 */
class AxisSearchParamsTest {

    private final AxisIndexFactory factory = new AxisIndexFactory();
    private final VectorValues values = IndexFixtures.random(3_000, 16, 71);

    private AxisIndex build(String candidates) {
        return (AxisIndex) factory.build(new IndexSpec(16, Metric.L2, Map.of("candidates", candidates)), values,
                VectorKernelsProvider.best());
    }

    @Test
    void eachIndexTakesItsOwnEffortAndLeavesTheOthers() {
        float[] query = values.vector(7);
        try (AxisIndex ivf = build("ivf"); AxisIndex hnsw = build("hnsw-m16"); AxisIndex flat = build("flat")) {
            Map<String, String> both = Map.of("ef", "64", "nprobe", "3");
            assertThat(ivf.search(query, 10, null, both)).isEqualTo(ivf.search(query, 10, null, Map.of("nprobe", "3")));
            assertThat(hnsw.search(query, 10, null, both)).isEqualTo(hnsw.search(query, 10, null, Map.of("ef", "64")));
            List<Neighbor> exact = flat.search(query, 10, null, Map.of());
            assertThat(flat.search(query, 10, null, both)).isEqualTo(exact);
            assertThat(ivf.search(query, 10, null, Map.of(AxisIndex.ADAPTIVE_OFFSET, "0.5"))).hasSize(10);
        }
    }

    @Test
    void whatNoIndexCouldTakeIsRefusedByName() {
        try (AxisIndex ivf = build("ivf")) {
            float[] query = values.vector(0);
            assertThatThrownBy(() -> ivf.search(query, 10, null, Map.of("ef", "many")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ef'");
            assertThatThrownBy(() -> ivf.search(query, 10, null, Map.of("nprobe", "0")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nprobe'");
            assertThatThrownBy(() -> ivf.search(query, 10, null, Map.of(AxisIndex.ADAPTIVE_OFFSET, "NaN")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[-10, 10]");
            assertThatThrownBy(() -> ivf.search(query, 10, null, Map.of("m", "16")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'m'").hasMessageContaining("nprobe");
        }
    }
}
