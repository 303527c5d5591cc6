package io.proximadb.spi.index;

import static io.proximadb.spi.index.IndexFixtures.exactNearest;
import static io.proximadb.spi.index.IndexFixtures.recall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.proximadb.spi.index.IndexFixtures.ArrayValues;
import io.proximadb.spi.index.IndexFixtures.Clustered;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every vector index plugin passes. A plugin's test extends this class, names its
 * factory and its recall floor; approximate indexes may supply build and search parameters.
 * Truth comes from a brute-force scan with the scalar kernels ({@link IndexFixtures}), independent
 * of the index. Persistence is checked in {@link VectorIndexPersistenceContract}, concurrency in
 * {@link VectorIndexConcurrencyContract}; both are part of this suite.
 *
 * <p>Recall is recall@10 over the queries of a test; each test prints the figure it measured.
 */
public abstract class VectorIndexContractTest extends VectorIndexPersistenceContract {

    @ParameterizedTest
    @EnumSource(Metric.class)
    void recallOnRandomDataMeetsTheFloor(Metric metric) {
        assumeTrue(supportsMetric(metric), () -> "the index does not support " + metric);
        ArrayValues values = IndexFixtures.random(3_000, DIMENSION, 11);
        try (VectorIndex index = build(metric, values)) {
            assertRecall("random " + metric, index, values, metric, IndexFixtures.randomQueries(QUERIES, DIMENSION, 12), null);
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void recallOnClusteredVectorsReadInPlaceMeetsTheFloor(Metric metric) {
        assumeTrue(supportsMetric(metric), () -> "the index does not support " + metric);
        Clustered data = IndexFixtures.clustered(3_000, DIMENSION, 24, 21);
        float[][] queries = clusterQueries(data, 22);
        // Shared: an index may read the vectors from any thread, as it may a mapped segment file's.
        try (Arena arena = Arena.ofShared()) {
            VectorValues values = data.values().inSegment(arena);
            try (VectorIndex index = build(metric, values)) {
                assertRecall("clustered " + metric, index, values, metric, queries, null);
            }
        }
    }

    @Test
    void deletedVectorsAreNeverReturnedAndRecallHolds() {
        ArrayValues values = IndexFixtures.random(3_000, DIMENSION, 31);
        boolean[] live = acceptRandomly(values.size(), 0.5, 32);
        IntPredicate notDeleted = ordinal -> live[ordinal];
        float[][] queries = IndexFixtures.randomQueries(QUERIES, DIMENSION, 33);
        try (VectorIndex index = build(Metric.L2, values)) {
            for (float[] query : queries) {
                assertThat(index.search(query, K, notDeleted, searchParams())).hasSize(K)
                        .allMatch(neighbor -> live[neighbor.ordinal()]);
            }
            assertRecall("half deleted", index, values, Metric.L2, queries, notDeleted);
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.1, 0.01})
    void filteredSearchReturnsOnlyAcceptedVectorsAndKeepsRecall(double selectivity) {
        ArrayValues values = IndexFixtures.random(4_000, DIMENSION, 41);
        boolean[] accepted = acceptRandomly(values.size(), selectivity, 42);
        IntPredicate filter = ordinal -> accepted[ordinal];
        long acceptedCount = IntStream.range(0, accepted.length).filter(i -> accepted[i]).count();
        float[][] queries = IndexFixtures.randomQueries(QUERIES, DIMENSION, 43);
        try (VectorIndex index = build(Metric.L2, values)) {
            for (float[] query : queries) {
                assertThat(index.search(query, K, filter, searchParams())).hasSize((int) Math.min(K, acceptedCount))
                        .allMatch(neighbor -> accepted[neighbor.ordinal()]);
            }
            assertRecall("filter " + selectivity, index, values, Metric.L2, queries, filter);
        }
    }

    @Test
    void aFilterOnADistantClusterStillFindsItsNearestMembers() {
        Clustered data = IndexFixtures.clustered(3_000, DIMENSION, 24, 51);
        IntPredicate inClusterThree = ordinal -> data.labels()[ordinal] == 3;
        Random random = new Random(52);
        float[][] queries = new float[QUERIES][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = data.queryNear(4 + random.nextInt(20), random);
        }
        try (VectorIndex index = build(Metric.L2, data.values())) {
            assertRecall("distant cluster", index, data.values(), Metric.L2, queries, inClusterThree);
        }
    }

    @Test
    void aFilterAcceptingFewerThanKReturnsExactlyThose() {
        ArrayValues values = IndexFixtures.random(2_000, DIMENSION, 61);
        IntPredicate three = ordinal -> ordinal == 5 || ordinal == 777 || ordinal == 1_999;
        try (VectorIndex index = build(Metric.L2, values)) {
            float[] query = IndexFixtures.randomQueries(1, DIMENSION, 62)[0];
            assertThat(index.search(query, K, three, searchParams())).extracting(Neighbor::ordinal)
                    .containsExactly(IntStream.of(exactNearest(values, Metric.L2, query, K, three)).boxed().toArray(Integer[]::new));
            assertThat(index.search(query, K, ordinal -> false, searchParams())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void resultsAreNearestFirstAndDistancesMatchTheMetric(Metric metric) {
        assumeTrue(supportsMetric(metric), () -> "the index does not support " + metric);
        ArrayValues values = IndexFixtures.random(500, DIMENSION, 14);
        try (VectorIndex index = build(metric, values)) {
            float[] query = values.vector(7);
            List<Neighbor> result = index.search(query, 20, null, searchParams());
            assertThat(result).hasSize(20).isSortedAccordingTo(
                    Comparator.comparingDouble(Neighbor::distance).thenComparingInt(Neighbor::ordinal));
            for (Neighbor neighbor : result) {
                float expected = metric.distance(ScalarVectorKernels.INSTANCE, query, values.vector(neighbor.ordinal()));
                assertThat(neighbor.distance()).isCloseTo(expected, Offset.offset(1e-3f * Math.max(1, Math.abs(expected))));
            }
        }
    }

    @Test
    void equalDistancesAreOrderedByOrdinal() {
        float[] same = IndexFixtures.randomQueries(1, DIMENSION, 71)[0];
        ArrayValues values = new ArrayValues(IntStream.range(0, 200).mapToObj(i -> i % 2 == 0 ? same
                : IndexFixtures.gaussian(new Random(i), DIMENSION, 1)).toList(), DIMENSION);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThat(index.search(same, 5, null, searchParams())).extracting(Neighbor::distance).containsOnly(0f);
            assertThat(index.search(same, 5, null, searchParams())).isSortedAccordingTo(Comparator.comparingInt(Neighbor::ordinal));
        }
    }

    @Test
    void askingForMoreThanThereIsReturnsEverything() {
        ArrayValues values = IndexFixtures.random(5, DIMENSION, 15);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThat(index.search(values.vector(0), 100, null, searchParams())).hasSize(5)
                    .first().extracting(Neighbor::ordinal).isEqualTo(0);
        }
    }

    @Test
    void anEmptyIndexReturnsNothing() {
        try (VectorIndex index = build(Metric.L2, new ArrayValues(List.of(), DIMENSION))) {
            assertThat(index.search(new float[DIMENSION], 3, null, searchParams())).isEmpty();
            assertThat(index.search(new float[DIMENSION], 3, ordinal -> true, searchParams())).isEmpty();
        }
    }

    @Test
    void aQueryOfTheWrongDimensionOrABadKIsRejected() {
        ArrayValues values = IndexFixtures.random(10, DIMENSION, 16);
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThatThrownBy(() -> index.search(new float[DIMENSION + 1], 3, null, searchParams()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
            assertThatThrownBy(() -> index.search(new float[DIMENSION], 0, null, searchParams()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k");
        }
    }

    @Test
    void unknownBuildAndSearchParametersAreRejectedByName() {
        ArrayValues values = IndexFixtures.random(10, DIMENSION, 17);
        assertThatThrownBy(() -> factory().build(new IndexSpec(DIMENSION, Metric.L2, Map.of("no_such_parameter", "1")),
                values, VectorKernelsProvider.best()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_parameter");
        try (VectorIndex index = build(Metric.L2, values)) {
            assertThatThrownBy(() -> index.search(values.vector(0), 3, null, Map.of("no_such_query_parameter", "1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_query_parameter");
        }
    }

    @Test
    void memoryIsReportedAndCloseIsIdempotent() {
        VectorIndex index = build(Metric.L2, IndexFixtures.random(1_000, DIMENSION, 18));
        assertThat(index.memoryBytes()).isNotNegative();
        index.close();
        index.close();
    }

    private void assertRecall(String what, VectorIndex index, VectorValues values, Metric metric, float[][] queries,
                              IntPredicate accept) {
        double recall = recall(index, values, metric, queries, K, accept, searchParams());
        System.out.printf("%s %s recall@%d = %.4f%n", getClass().getSimpleName(), what, K, recall);
        assertThat(recall).as("recall@%d on %s", K, what).isGreaterThanOrEqualTo(recallFloor());
    }

    private static float[][] clusterQueries(Clustered data, long seed) {
        Random random = new Random(seed);
        float[][] queries = new float[QUERIES][];
        for (int q = 0; q < queries.length; q++) {
            queries[q] = data.queryNear(random.nextInt(data.centres().length), random);
        }
        return queries;
    }

    private static boolean[] acceptRandomly(int count, double fraction, long seed) {
        Random random = new Random(seed);
        boolean[] accepted = new boolean[count];
        for (int i = 0; i < count; i++) {
            accepted[i] = random.nextDouble() < fraction;
        }
        return accepted;
    }
}
