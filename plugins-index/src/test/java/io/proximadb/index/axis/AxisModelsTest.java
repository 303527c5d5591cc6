package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.index.hnsw.WalkProbe;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The committed models load with ONNX Runtime, take the inputs this version computes, and answer sensibly. */
class AxisModelsTest {

    /** Like a training set: 20,000 vectors of 128 dimensions with intrinsic dimensionality about 16. */
    private static final SegmentFeatures SEGMENT = new SegmentFeatures(20_000, 128, Metric.L2, 0.15, 14, 1.6, 0.8, 10);

    @Test
    void theCostModelPredictsInPlainUnitsAndRecallGrowsWithEffort() {
        OnnxCostModel model = new OnnxCostModel(OnnxModel.loadResource(OnnxCostModel.RESOURCE));
        Candidate hnsw = new Candidate("hnsw", 16, "none");
        List<Prediction> predictions = model.predict(SEGMENT, List.of(new Setting(hnsw, 10), new Setting(hnsw, 256),
                new Setting(Candidate.ALL.getFirst(), 0)));
        for (Prediction p : predictions) {
            assertThat(p.recall()).isBetween(0.0, 1.0);
            assertThat(p.latencyMicros()).isPositive();
            assertThat(p.buildSeconds()).isPositive();
            assertThat(p.memoryBytes()).isNotNegative();
        }
        assertThat(predictions.get(1).recall()).isGreaterThan(predictions.get(0).recall());
        assertThat(predictions.get(1).latencyMicros()).isGreaterThan(predictions.get(0).latencyMicros());
        // a scan of 20,000 vectors is slower than a narrow walk of the graph
        assertThat(predictions.get(2).latencyMicros()).isGreaterThan(predictions.get(0).latencyMicros());
        assertThat(model.recallMarginLogit()).isBetween(0.0, 3.0);
    }

    @Test
    void thePerQueryModelPredictsAWidthWithinTheTracedRangeThatDependsOnTheWalk() {
        QueryModel model = new QueryModel(OnnxModel.loadResource(QueryModel.RESOURCE));
        try (QueryModel.Bound bound = model.bind(SEGMENT, 16)) {
            double settled = bound.logWidth(new WalkProbe(10, 128, 40f, 9f, 10f, 30f));
            double spread = bound.logWidth(new WalkProbe(10, 128, 40f, 5f, 30f, 25f));
            // the traces' widths run from 10 to 1024: predictions far outside would be extrapolation gone wrong
            for (double logWidth : new double[] {settled, spread}) {
                assertThat(logWidth).isBetween(Math.log(10) - 1, Math.log(1024) + 1);
            }
            assertThat(settled).isNotEqualTo(spread);
        }
    }

    @Test
    void theSegmentsTableAnswersAsARunOfThePerQueryModelWithinAFewHundredths() {
        QueryModel model = new QueryModel(OnnxModel.loadResource(QueryModel.RESOURCE));
        java.util.Random random = new java.util.Random(11);
        double worst = 0;
        double total = 0;
        int probes = 2_000;
        try (QueryModel.Bound bound = model.bind(SEGMENT, 16)) {
            for (int i = 0; i < probes; i++) {
                // Walks as the traces saw them: k-th up to e^3 times the nearest, a frontier just
                // past the k-th or none left, the k-th well below the entry, 20 to 20,000 distances.
                float entry = 100;
                float kth = (float) (entry * Math.exp(-8 * random.nextDouble()));
                float nearest = (float) (kth * Math.exp(-3 * random.nextDouble()));
                float frontier = random.nextInt(10) == 0 ? Float.POSITIVE_INFINITY : (float) (kth * Math.exp(random.nextDouble()));
                long computed = (long) Math.exp(3 + 7 * random.nextDouble());
                WalkProbe probe = new WalkProbe(10, computed, entry, nearest, kth, frontier);
                double[] values = new double[ProbeFeatures.PROBE_NAMES.length];
                ProbeFeatures.probeInputs(probe, values);
                double error = Math.abs(bound.logWidth(probe) - bound.run(probe, values));
                worst = Math.max(worst, error);
                total += error;
            }
            // For another k than the segment's, the model runs.
            WalkProbe otherK = new WalkProbe(20, 128, 40f, 9f, 10f, 30f);
            double[] values = new double[ProbeFeatures.PROBE_NAMES.length];
            ProbeFeatures.probeInputs(otherK, values);
            assertThat(bound.logWidth(otherK)).isEqualTo(bound.run(otherK, values));
        }
        System.out.printf("per-query model, table against runs: mean |error| %.4f, worst %.4f ln width%n", total / probes, worst);
        assertThat(total / probes).isLessThan(0.02);
        assertThat(worst).isLessThan(0.15);
    }

    @Test
    void withoutTheModelsRulesChooseAndSaySoAndSearchesKeepAFixedEffort() {
        AxisIndexFactory factory = new AxisIndexFactory("no-such-config.onnx", "no-such-query.onnx");
        IndexSpec spec = new IndexSpec(16, Metric.L2, Map.of("candidates", "hnsw-m16"));
        try (VectorIndex index = factory.build(spec, IndexFixtures.random(3_000, 16, 5), VectorKernelsProvider.best())) {
            AxisIndex axis = (AxisIndex) index;
            assertThat(axis.choice().planner()).startsWith("rules (").contains("no-such-config.onnx");
            assertThat(axis.tuning().adaptive()).isFalse();
            assertThat(axis.perQueryWidths()).isFalse();
            // asked for per-query widths, the segment searches at its fixed effort instead
            float[] query = new float[16];
            assertThat(axis.search(query, 10, null, Map.of(AxisIndex.ADAPTIVE_OFFSET, "0")))
                    .isEqualTo(axis.search(query, 10, null, Map.of()));
        }
    }
}
