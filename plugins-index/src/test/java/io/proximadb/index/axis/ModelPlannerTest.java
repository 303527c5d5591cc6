package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.record.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The chooser's rules on a cost model whose answers are written down here, so that each case has
 * one right choice.
 */
class ModelPlannerTest {

    private static final SegmentFeatures SEGMENT = new SegmentFeatures(50_000, 64, Metric.L2, 0.1, 12, 1.8, 0.7, 10);

    /** Recall rises with effort; hnsw is fast and big, ivf slower and small, flat slow and exact. */
    private static final CostModel MODEL = new CostModel() {
        @Override
        public List<Prediction> predict(SegmentFeatures features, List<Setting> settings) {
            return settings.stream().map(s -> switch (s.candidate().family()) {
                case "hnsw" -> new Prediction(1 - 2.0 / s.effort(), 10 + s.effort() / (double) s.candidate().m(), 5,
                        s.candidate().m() * 1e6);
                case "ivf" -> new Prediction(1 - 1.0 / (s.effort() + 1), 40 + s.effort(), 2, 2e5);
                default -> new Prediction(0.5, 5_000, 0.01, 0); // the model is wrong about flat: it is exact
            }).toList();
        }

        @Override
        public double recallMarginLogit() {
            return 0;
        }
    };

    private final ModelPlanner planner = new ModelPlanner(MODEL, "test");

    @Test
    void theFastestSettingThatMeetsTheTargetWins() {
        Choice choice = plan(planner, SEGMENT, AxisParams.parse(Map.of("target_recall", "0.95")));
        // hnsw m8 needs ef >= 40: ef 48 costs 10 + 6 = 16 µs; m16 at ef 48 costs 13; m32 at ef 48 costs 11.5.
        assertThat(choice.setting()).isEqualTo(new Setting(new Candidate("hnsw", 32, "none"), 48));
        assertThat(choice.planner()).isEqualTo("test");
    }

    @Test
    void theBudgetExcludesWhatDoesNotFit() {
        Choice choice = plan(planner, SEGMENT, AxisParams.parse(Map.of("target_recall", "0.95", "memory_budget_mb",
                "1")));
        assertThat(choice.setting().candidate().family()).isEqualTo("ivf");
        assertThat(choice.setting().effort()).isEqualTo(24); // 1 - 1/25 = 0.96 >= 0.95
    }

    @Test
    void exactSearchMeetsAnyTargetWhateverTheModelSays() {
        Choice choice = plan(planner, SEGMENT, AxisParams.parse(Map.of("target_recall", "1.0")));
        assertThat(choice.setting().candidate().exact()).isTrue();
        assertThat(choice.predicted().recall()).isEqualTo(1.0);
    }

    @Test
    void theMarginRaisesTheEffort() {
        ModelPlanner careful = new ModelPlanner(new CostModel() {
            @Override
            public List<Prediction> predict(SegmentFeatures features, List<Setting> settings) {
                return MODEL.predict(features, settings);
            }

            @Override
            public double recallMarginLogit() {
                return 1.0;
            }
        }, "careful");
        Choice choice = plan(careful, SEGMENT, AxisParams.parse(Map.of("target_recall", "0.95", "candidates",
                "hnsw-m16")));
        // logit(0.95) + 1 = 3.94 → recall >= 0.981 → 1 - 2/ef >= 0.981 → ef >= 106: the next effort is 128.
        assertThat(choice.setting().effort()).isEqualTo(128);
    }

    @Test
    void smallSegmentsAreScannedExactlyWithoutAskingAndRestrictedCandidatesAreHonoured() {
        SegmentFeatures small = new SegmentFeatures(500, 64, Metric.L2, 0.1, 12, 1.8, 0.7, 10);
        assertThat(plan(planner, small, AxisParams.parse(Map.of())).setting().candidate().exact()).isTrue();
        Choice restricted = plan(planner, small, AxisParams.parse(Map.of("candidates", "ivf")));
        assertThat(restricted.setting().candidate()).isEqualTo(new Candidate("ivf", 0, "none"));
    }

    @Test
    void whenNothingReachesTheTargetTheHighestExpectedRecallIsTakenAndSaid() {
        AxisParams params = AxisParams.parse(Map.of("target_recall", "0.999", "candidates", "ivf,ivf-sq8"));
        Choice choice = plan(planner, SEGMENT, params);
        assertThat(choice.setting().effort()).isEqualTo(128);
        assertThat(choice.planner()).contains("no setting is expected to reach recall 0.999");
    }

    @Test
    void onceTheLoadIsKnownARarelySearchedSegmentSkipsTheExpensiveBuild() {
        AxisParams params = AxisParams.parse(Map.of("target_recall", "0.95"));
        // 36 searches an hour: the 5 s graph build costs more than 36 scans of 5 ms
        Choice rare = planner.plan(SEGMENT, params, new QueryWorkload(2_000, 10, 0, Double.NaN, 0.01));
        assertThat(rare.setting().candidate().exact()).isTrue();
        assertThat(rare.planner()).contains("36 searches an hour");
        // a thousand a second: the graph pays for itself many times over
        Choice busy = planner.plan(SEGMENT, params, new QueryWorkload(2_000, 10, 0, Double.NaN, 1_000));
        assertThat(busy.setting()).isEqualTo(new Setting(new Candidate("hnsw", 32, "none"), 48));
        // as busy, but every search filters down to a few dozen vectors, which any index scans exactly
        Choice selective = planner.plan(SEGMENT, params, new QueryWorkload(2_000, 10, 1.0, 0.001, 1_000));
        assertThat(selective.setting().candidate().exact()).isTrue();
        // too few searches seen to judge the load: latency alone, as for a fresh collection
        assertThat(planner.plan(SEGMENT, params, new QueryWorkload(500, 10, 0, Double.NaN, 0.01)).setting().candidate().family())
                .isEqualTo("hnsw");
    }

    private static Choice plan(Planner planner, SegmentFeatures features, AxisParams params) {
        return planner.plan(features, params, QueryWorkload.NONE);
    }
}
