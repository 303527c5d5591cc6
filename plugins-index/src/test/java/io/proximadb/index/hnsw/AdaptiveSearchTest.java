package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The walk whose width is chosen part way: one probe, sane figures, and a width that matters. */
class AdaptiveSearchTest {

    private static final int K = 10;

    @Test
    void theChooserIsAskedOnceWithWhatTheWalkFoundAndItsWidthDecidesRecall() {
        VectorValues values = IndexFixtures.random(5_000, 24, 61);
        float[][] queries = IndexFixtures.randomQueries(100, 24, 62);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(24, Metric.L2, Map.of("m", "8")), values,
                VectorKernelsProvider.best())) {
            AdaptiveSearch adaptive = (AdaptiveSearch) index;
            assertThat(adaptive.adaptive()).isTrue();
            double narrow = 0;
            double wide = 0;
            for (float[] query : queries) {
                List<WalkProbe> probes = new ArrayList<>();
                List<Neighbor> found = adaptive.searchAdaptive(query, K, 64, 128, probe -> {
                    probes.add(probe);
                    return 512;
                }, -1);
                assertThat(probes).hasSize(1);
                WalkProbe probe = probes.getFirst();
                assertThat(probe.computed()).isGreaterThan(64);
                assertThat(probe.nearest()).isLessThanOrEqualTo(probe.kth());
                assertThat(probe.nearest()).isLessThanOrEqualTo(probe.entryDistance());
                assertThat(probe.k()).isEqualTo(K);
                int[] truth = IndexFixtures.exactNearest(values, Metric.L2, query, K, null);
                wide += overlap(found, truth);
                narrow += overlap(adaptive.searchAdaptive(query, K, 64, 128, p -> K, -1), truth);
                assertThat(found).hasSize(K);
                for (int i = 1; i < found.size(); i++) {
                    assertThat(found.get(i).distance()).isGreaterThanOrEqualTo(found.get(i - 1).distance());
                }
            }
            assertThat(wide / (K * queries.length)).isGreaterThan(0.98);
            assertThat(narrow).isLessThan(wide);
        }
    }

    @Test
    void aWalkThatEndsBeforeTheProbeAsksNothingAndQuantizedGraphsDecline() {
        VectorValues values = IndexFixtures.random(50, 8, 63);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best())) {
            List<Neighbor> found = ((AdaptiveSearch) index).searchAdaptive(values.vector(3), K, 1_000_000, 128, probe -> {
                throw new AssertionError("asked although the walk ended");
            }, -1);
            assertThat(found.getFirst().ordinal()).isEqualTo(3);
        }
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of("quantizer", "sq8")), values,
                VectorKernelsProvider.best())) {
            assertThat(((AdaptiveSearch) index).adaptive()).isFalse();
            assertThatThrownBy(() -> ((AdaptiveSearch) index).searchAdaptive(values.vector(0), K, 10, 10, p -> K, -1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("quantizer");
        }
    }

    private static int overlap(List<Neighbor> found, int[] truth) {
        int hits = 0;
        for (Neighbor neighbor : found) {
            for (int t : truth) {
                if (t == neighbor.ordinal()) {
                    hits++;
                }
            }
        }
        return hits;
    }
}
