package io.proximadb.bench.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.proximadb.bench.ann.InMemoryVectors;
import io.proximadb.index.hnsw.AdaptiveSearch;
import io.proximadb.index.hnsw.HnswIndexFactory;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidthBoundTest {

    @Test
    void theBestWidthPerQueryGivesEasyQueriesTheNarrowestAndHardOnesWhatTheyNeed() {
        // Two queries at widths costing 100, 200 and 400 distances: the first finds all at once, the
        // second 0.6, 0.9 and 1.0. Fixed: recall 0.8, 0.95, 1.0 at 100, 200, 400. Best per query:
        // 0.8 at 100, 0.95 at 150 (easy narrow, hard middle), 1.0 at 250.
        double[][] recall = {{1.0, 1.0, 1.0}, {0.6, 0.9, 1.0}};
        double[][] cost = {{100, 200, 400}, {100, 200, 400}};
        WidthBound bound = WidthBound.of(recall, cost);
        assertThat(bound.at(0.95)).isCloseTo(200.0 / 150, within(1e-9));
        assertThat(bound.at(0.90)).isCloseTo((100 + 100 * 0.1 / 0.15) / (100 + 50 * 0.1 / 0.15), within(1e-9));
        assertThat(bound.at(0.98)).isCloseTo(320.0 / 210, within(1e-9));
        assertThat(bound.at(0.99)).isCloseTo(360.0 / 230, within(1e-9));
    }

    @Test
    void queriesAllAlikeLeaveNothingToGain() {
        double[][] recall = {{0.8, 0.95, 1.0}, {0.8, 0.95, 1.0}, {0.8, 0.95, 1.0}};
        double[][] cost = {{100, 200, 400}, {100, 200, 400}, {100, 200, 400}};
        WidthBound bound = WidthBound.of(recall, cost);
        for (double level : AdaptiveCurve.LEVELS) {
            assertThat(bound.at(level)).as("at %s", level).isCloseTo(1.0, within(1e-9));
        }
    }

    @Test
    void aLevelTheNarrowestWidthReachesAlreadyOrNoWidthReachesHasNoBound() {
        double[][] reachedAtOnce = {{1.0, 1.0}, {0.95, 1.0}};
        double[][] cost = {{100, 200}, {100, 200}};
        assertThat(WidthBound.of(reachedAtOnce, cost).at(0.95)).isNaN();
        assertThat(WidthBound.of(reachedAtOnce, cost).at(0.98)).isFinite();
        double[][] neverReached = {{0.5, 0.9}, {0.6, 0.92}};
        assertThat(WidthBound.of(neverReached, cost).at(0.95)).isNaN();
    }

    @Test
    void aFigureThatCouldNotBeMeasuredIsNullInTheJsonLine() {
        assertThat(AxisBenchmark.number(1.25049)).isEqualTo("1.250");
        assertThat(AxisBenchmark.number(Double.NaN)).isEqualTo("null");
        assertThat(AxisBenchmark.number(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }

    @Test
    void costAtRecallInterpolatesBetweenTheBracketingPoints() {
        double[] recall = {0.8, 0.9, 0.9, 1.0};
        double[] cost = {10, 20, 25, 40};
        assertThat(AxisBenchmark.costAtRecall(recall, cost, 0.85)).isCloseTo(15, within(1e-9));
        assertThat(AxisBenchmark.costAtRecall(recall, cost, 0.95)).as("from the first point at 0.9").isCloseTo(30, within(1e-9));
        assertThat(AxisBenchmark.costAtRecall(recall, cost, 0.7)).as("reached at once").isEqualTo(10);
        assertThat(AxisBenchmark.costAtRecall(recall, cost, 1.0)).isEqualTo(40);
        assertThat(AxisBenchmark.costAtRecall(new double[] {0.5, 0.6}, new double[] {1, 2}, 0.9)).isNaN();
    }

    @Test
    void measuredOnAGraphTheCeilingIsAtLeastTheFixedWidthsOwnCost() {
        float[][][] vectors = new SyntheticSpec(32, 16, 4, 0.6, 4_000, Metric.L2, 77).generate(60);
        VectorKernels kernels = VectorKernelsProvider.best();
        try (InMemoryVectors values = new InMemoryVectors(vectors[0]);
             VectorIndex index = new HnswIndexFactory().build(new IndexSpec(32, Metric.L2, Map.of("m", "8", "ef_construction", "40")),
                     values, kernels)) {
            int[][] truth = ExactNeighbors.of(values, Metric.L2, vectors[1], 10, kernels);
            WidthBound bound = WidthBound.measure((AdaptiveSearch) index, vectors[1], truth, 10, List.of(10, 12, 16, 24, 32, 48, 64, 128));
            int finite = 0;
            for (double level : AdaptiveCurve.LEVELS) {
                double gain = bound.at(level);
                if (Double.isFinite(gain)) {
                    finite++;
                    // the best width per query includes every query at the same fixed width
                    assertThat(gain).as("at %s", level).isGreaterThanOrEqualTo(1 - 1e-9);
                }
            }
            assertThat(finite).as("levels the widths bracket").isPositive();
        }
    }
}
