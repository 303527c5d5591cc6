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
    void askingNoWiderThanTheProbeIsTheFixedWidthSearchAndQuantizedGraphsDecline() {
        VectorValues values = IndexFixtures.random(3_000, 8, 63);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best())) {
            for (float[] query : IndexFixtures.randomQueries(30, 8, 64)) {
                int[] asked = new int[1];
                List<Neighbor> adaptive = ((AdaptiveSearch) index).searchAdaptive(query, K, Long.MAX_VALUE, 24, probe -> {
                    asked[0]++;
                    return 24;
                }, -1);
                assertThat(asked[0]).isEqualTo(1);
                IndexFixtures.assertSameNeighbors(adaptive, index.search(query, K, null, Map.of("ef", "24")), "width 24");
            }
        }
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of("quantizer", "sq8")), values,
                VectorKernelsProvider.best())) {
            assertThat(((AdaptiveSearch) index).adaptive()).isFalse();
            assertThatThrownBy(() -> ((AdaptiveSearch) index).searchAdaptive(values.vector(0), K, 10, 10, p -> K, -1))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("quantizer");
        }
    }

    @Test
    void anExcludedNodeIsNeverReturnedNorWalkedFrom() {
        VectorValues values = IndexFixtures.random(2_000, 8, 65);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best())) {
            AdaptiveSearch graph = (AdaptiveSearch) index;
            for (int self = 0; self < 2_000; self += 97) {
                float[] query = values.vector(self);
                int excluded = self;
                List<Neighbor> found = graph.searchWithout(query, K, Map.of("ef", "64"), self);
                assertThat(found).hasSize(K).noneMatch(n -> n.ordinal() == excluded);
                int[] truth = IndexFixtures.exactNearest(values, Metric.L2, query, K + 1, o -> o != excluded);
                assertThat(overlap(found, java.util.Arrays.copyOf(truth, K))).isGreaterThanOrEqualTo(K - 1);
                assertThat(graph.searchAdaptive(query, K, Long.MAX_VALUE, K, p -> 64, self))
                        .noneMatch(n -> n.ordinal() == excluded);
            }
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
