package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.record.Metric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RulePlannerTest {

    private final RulePlanner rules = new RulePlanner("asked for");

    private static SegmentFeatures segment(int count, double intrinsic) {
        return new SegmentFeatures(count, 128, Metric.L2, 0.1, intrinsic, 1.5, 0.8, 10);
    }

    @Test
    void smallSegmentsAreScannedAndLargerOnesGetHnswWithEfByTarget() {
        assertThat(plan(rules, segment(5_000, 10), AxisParams.parse(Map.of())).setting().candidate().exact()).isTrue();
        Choice choice = plan(rules, segment(100_000, 10), AxisParams.parse(Map.of("target_recall", "0.95")));
        assertThat(choice.setting()).isEqualTo(new Setting(new Candidate("hnsw", 16, "none"), 30));
        assertThat(choice.planner()).isEqualTo("rules (asked for)");
        Choice hard = plan(rules, segment(100_000, 40), AxisParams.parse(Map.of("target_recall", "0.99")));
        assertThat(hard.setting()).isEqualTo(new Setting(new Candidate("hnsw", 32, "none"), 200));
    }

    @Test
    void aTightBudgetFallsToIvfAndThenToTheScan() {
        // The m16 graph of 100,000 vectors takes about 15 MB; ivf's ids and centroids about 0.6 MB.
        Choice ivf = plan(rules, segment(100_000, 10), AxisParams.parse(Map.of("memory_budget_mb", "2")));
        assertThat(ivf.setting().candidate().family()).isEqualTo("ivf");
        assertThat(ivf.setting().effort()).isEqualTo(51); // 4 % of round(4 √n) = 1265 lists
        Choice scan = plan(rules, segment(100_000, 10), AxisParams.parse(Map.of("memory_budget_mb", "0.1")));
        assertThat(scan.setting().candidate().exact()).isTrue();
    }

    private static Choice plan(Planner planner, SegmentFeatures features, AxisParams params) {
        return planner.plan(features, params, QueryWorkload.NONE);
    }
}
