package io.proximadb.spi.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The contract every vector index plugin passes. A plugin's test extends this class and names its
 * factory; approximate indexes lower {@link #recallFloor()} and may supply {@link #buildParams()}.
 * Truth comes from a brute-force scan with the scalar kernels, independent of the index.
 */
public abstract class VectorIndexContractTest {

    private static final int DIMENSION = 24;

    protected abstract VectorIndexFactory factory();

    /** The lowest acceptable recall@10 against exact search; exact indexes keep 1.0. */
    protected double recallFloor() {
        return 1.0;
    }

    protected Map<String, String> buildParams() {
        return Map.of();
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void recallOnRandomDataMeetsTheFloorForEveryMetric(Metric metric) {
        ArrayValues values = randomValues(2_000, DIMENSION, 11);
        try (VectorIndex index = build(metric, values)) {
            assertThat(recall(index, metric, values, null, 10, 50)).isGreaterThanOrEqualTo(recallFloor());
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.1, 0.01})
    void filteredSearchReturnsOnlyAcceptedVectorsAndKeepsRecall(double selectivity) {
        ArrayValues values = randomValues(3_000, DIMENSION, 12);
        Random random = new Random(13);
        boolean[] accepted = new boolean[values.size()];
        for (int i = 0; i < accepted.length; i++) {
            accepted[i] = random.nextDouble() < selectivity;
        }
        IntPredicate filter = ordinal -> accepted[ordinal];
        try (VectorIndex index = build(Metric.L2, values)) {
            float[] query = randomVector(random, DIMENSION);
            List<Neighbor> result = index.search(query, 10, filter, Map.of());
            assertThat(result).allMatch(neighbor -> accepted[neighbor.ordinal()]);
            long acceptedCount = IntStream.range(0, accepted.length).filter(i -> accepted[i]).count();
            assertThat(result).hasSize((int) Math.min(10, acceptedCount));
            assertThat(recall(index, Metric.L2, values, filter, 10, 30)).isGreaterThanOrEqualTo(recallFloor());
        }
    }

    @Test
    void resultsAreNearestFirstAndDistancesMatchTheMetric() {
        ArrayValues values = randomValues(500, DIMENSION, 14);
        try (VectorIndex index = build(Metric.DOT, values)) {
            float[] query = values.vector(7);
            List<Neighbor> result = index.search(query, 20, null, Map.of());
            assertThat(result).isSortedAccordingTo(Comparator.comparingDouble(Neighbor::distance));
            for (Neighbor neighbor : result) {
                float expected = Metric.DOT.distance(ScalarVectorKernels.INSTANCE, query, values.vector(neighbor.ordinal()));
                assertThat(neighbor.distance()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3f));
            }
        }
    }

    @Test
    void askingForMoreThanThereIsReturnsEverything() {
        ArrayValues values = randomValues(5, DIMENSION, 15);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThat(index.search(values.vector(0), 100, null, Map.of())).hasSize(5)
                    .first().extracting(Neighbor::ordinal).isEqualTo(0);
        }
    }

    @Test
    void anEmptyIndexReturnsNothing() {
        try (VectorIndex index = build(Metric.L2, new ArrayValues(List.of(), DIMENSION))) {
            assertThat(index.search(new float[DIMENSION], 3, null, Map.of())).isEmpty();
        }
    }

    @Test
    void aQueryOfTheWrongDimensionOrABadKIsRejected() {
        ArrayValues values = randomValues(10, DIMENSION, 16);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThatThrownBy(() -> index.search(new float[DIMENSION + 1], 3, null, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> index.search(new float[DIMENSION], 0, null, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        }
    }

    @Test
    void anUnknownBuildParameterIsRejectedByName() {
        ArrayValues values = randomValues(10, DIMENSION, 17);
        assertThatThrownBy(() -> factory().build(
                new IndexSpec(DIMENSION, Metric.L2, Map.of("no_such_parameter", "1")), values, VectorKernelsProvider.best()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_parameter");
    }

    private VectorIndex build(Metric metric, ArrayValues values) {
        return factory().build(new IndexSpec(values.dimension(), metric, buildParams()), values, VectorKernelsProvider.best());
    }

    private static double recall(VectorIndex index, Metric metric, ArrayValues values, IntPredicate filter, int k, int queries) {
        Random random = new Random(99);
        double found = 0;
        double wanted = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = randomVector(random, values.dimension());
            List<Integer> truth = IntStream.range(0, values.size()).boxed()
                    .filter(i -> filter == null || filter.test(i))
                    .sorted(Comparator.comparingDouble((Integer i) ->
                            metric.distance(ScalarVectorKernels.INSTANCE, query, values.vector(i))).thenComparing(i -> i))
                    .limit(k).toList();
            List<Integer> got = index.search(query, k, filter, Map.of()).stream().map(Neighbor::ordinal).toList();
            found += got.stream().filter(truth::contains).count();
            wanted += truth.size();
        }
        return wanted == 0 ? 1.0 : found / wanted;
    }

    protected static ArrayValues randomValues(int count, int dimension, long seed) {
        Random random = new Random(seed);
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            vectors.add(randomVector(random, dimension));
        }
        return new ArrayValues(vectors, dimension);
    }

    private static float[] randomVector(Random random, int dimension) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
            vector[d] = (float) random.nextGaussian();
        }
        return vector;
    }

    /** Vectors held in a list of arrays. */
    protected record ArrayValues(List<float[]> vectors, int dimension) implements VectorValues {
        @Override
        public int size() {
            return vectors.size();
        }

        @Override
        public float[] vector(int ordinal) {
            return vectors.get(ordinal);
        }
    }
}
