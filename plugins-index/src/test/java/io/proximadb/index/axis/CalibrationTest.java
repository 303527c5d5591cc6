package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calibration raises a planned effort that falls short until the index reaches the target on
 * queries it never saw, and leaves one that suffices alone.
 */
class CalibrationTest {

    private final AxisIndexFactory factory = new AxisIndexFactory();

    @Test
    void theCalibratedEffortMeetsTheTargetOnFreshQueriesFromABadGuess() {
        VectorValues values = IndexFixtures.random(6_000, 24, 41);
        float[][] fresh = IndexFixtures.randomQueries(200, 24, 42);
        for (String target : new String[] {"0.9", "0.99"}) {
            // rules with the candidate restricted: an ef chosen by a rule of thumb, then corrected
            IndexSpec spec = new IndexSpec(24, Metric.L2, Map.of("planner", "rules", "candidates", "hnsw-m8",
                    "target_recall", target, "adaptive", "false"));
            try (AxisIndex index = (AxisIndex) factory.build(spec, values, VectorKernelsProvider.best())) {
                double recall = IndexFixtures.recall(index, values, Metric.L2, fresh, 10, null, Map.of());
                assertThat(recall).as("recall at target %s with %s", target, index.tuning())
                        .isGreaterThanOrEqualTo(Double.parseDouble(target) - 0.02);
                assertThat(index.tuning().measuredRecall()).isGreaterThanOrEqualTo(Double.parseDouble(target));
            }
        }
    }

    @Test
    void aPlannedEffortThatSufficesIsKeptAndCalibrationCanBeTurnedOff() {
        VectorValues values = IndexFixtures.random(6_000, 24, 43);
        Map<String, String> rules = Map.of("planner", "rules", "candidates", "hnsw-m16", "target_recall", "0.5",
                "adaptive", "false");
        // rules plan ef = max(k, 1.5 k) = 15 for a target of 0.5, which the graph beats easily
        assertThat(tuning(values, rules).effort()).isEqualTo(15);
        Map<String, String> uncalibrated = new java.util.HashMap<>(rules);
        uncalibrated.put("calibrate", "false");
        assertThat(tuning(values, uncalibrated).measuredRecall()).isNaN();
    }

    private Tuning tuning(VectorValues values, Map<String, String> params) {
        try (AxisIndex index = (AxisIndex) factory.build(new IndexSpec(24, Metric.L2, params), values,
                VectorKernelsProvider.best())) {
            return index.tuning();
        }
    }
}
