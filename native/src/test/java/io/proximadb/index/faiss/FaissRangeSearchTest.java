package io.proximadb.index.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FAISS's range search: exactly the accepted vectors within the distance, against a brute-force scan. */
class FaissRangeSearchTest {

    private static final int DIMENSION = 16;
    private final ArrayValues values = IndexFixtures.random(1_000, DIMENSION, 21);

    @ParameterizedTest
    @EnumSource(value = Metric.class, names = {"L2", "DOT", "COSINE"})
    void aFlatIndexReturnsExactlyTheAcceptedVectorsWithinTheDistance(Metric metric) {
        float[] query = values.vector(3);
        IntPredicate odd = ordinal -> ordinal % 2 == 1;
        try (FaissIndex index = build("Flat", metric)) {
            float[] sorted = new float[values.size()];
            for (int i = 0; i < sorted.length; i++) {
                sorted[i] = metric.distance(ScalarVectorKernels.INSTANCE, query, values.vector(i));
            }
            java.util.Arrays.sort(sorted);
            float limit = sorted[50] + 1e-3f * Math.abs(sorted[50]) + 1e-4f; // about 50 vectors inside
            int[] expected = IntStream.range(0, values.size()).filter(odd)
                    .filter(i -> metric.distance(ScalarVectorKernels.INSTANCE, query, values.vector(i)) < limit).toArray();
            List<Neighbor> found = index.searchWithin(query, limit, odd);
            assertThat(found).extracting(Neighbor::ordinal).containsExactlyInAnyOrder(IntStream.of(expected).boxed().toArray(Integer[]::new));
            assertThat(found).isSortedAccordingTo(java.util.Comparator.comparingDouble(Neighbor::distance));
            assertThat(index.searchWithin(query, limit, ordinal -> false)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"HNSW16"})
    void anIndexFaissCannotRangeSearchSaysSoWithFaissMessage(String factoryString) {
        try (FaissIndex index = build(factoryString, Metric.L2)) {
            assertThatThrownBy(() -> index.searchWithin(values.vector(0), 1f, null))
                    .isInstanceOf(FaissException.class).hasMessageContaining("faiss range_search");
        }
    }

    private FaissIndex build(String factoryString, Metric metric) {
        return (FaissIndex) new FaissIndexFactory().build(new IndexSpec(DIMENSION, metric, Map.of("factory", factoryString)),
                values, VectorKernelsProvider.best());
    }
}
