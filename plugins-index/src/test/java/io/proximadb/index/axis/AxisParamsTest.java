package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.QueryWorkload;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AxisParamsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        AxisParams params = AxisParams.parse(Map.of());
        assertThat(params.targetRecall()).isEqualTo(0.95);
        assertThat(params.k(QueryWorkload.NONE)).isEqualTo(10);
        assertThat(params.memoryBudget()).isEqualTo(Long.MAX_VALUE);
        assertThat(params.planner()).isEqualTo("model");
        assertThat(params.candidates()).isEqualTo(Candidate.ALL);
        assertThat(params.calibrate()).isTrue();
        assertThat(params.adaptive()).isTrue();
    }

    @Test
    void badValuesAreRefusedByName() {
        assertThatThrownBy(() -> AxisParams.parse(Map.of("target_recall", "1.5"))).hasMessageContaining("target_recall");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("target_recall", "NaN"))).hasMessageContaining("target_recall");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("k", "2.5"))).hasMessageContaining("'k'");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("memory_budget_mb", "-1"))).hasMessageContaining("memory_budget_mb");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("planner", "oracle"))).hasMessageContaining("'model' or 'rules'");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("adaptive", "yes"))).hasMessageContaining("true or false");
        assertThatThrownBy(() -> AxisParams.parse(Map.of("ef", "10")))
                .hasMessageContaining("unknown axis build parameter 'ef'").hasMessageContaining("target_recall");
    }

    @Test
    void candidatesAreRestrictedToKnownConfigurationsAndListThemWhenWrong() {
        assertThat(AxisParams.parse(Map.of("candidates", "ivf-pq, hnsw-m16")).candidates())
                .containsExactly(new Candidate("hnsw", 16, "none"), new Candidate("ivf", 0, "pq"));
        assertThatThrownBy(() -> AxisParams.parse(Map.of("candidates", "hnsw-m64")))
                .hasMessageContaining("'hnsw-m64'").hasMessageContaining("hnsw-m16-sq8");
    }

    @Test
    void kIsTheGivenOneElseTheObservedMeanOnceThereAreEnoughSearches() {
        assertThat(AxisParams.parse(Map.of("k", "5")).k(new QueryWorkload(1_000, 40, 0, Double.NaN, 1))).isEqualTo(5);
        AxisParams unset = AxisParams.parse(Map.of());
        assertThat(unset.k(QueryWorkload.NONE)).isEqualTo(10);
        assertThat(unset.k(new QueryWorkload(50, 40, 0, Double.NaN, 1))).isEqualTo(10);
        assertThat(unset.k(new QueryWorkload(200, 40.4, 0, Double.NaN, 1))).isEqualTo(40);
    }

    @Test
    void theBudgetIsInMegabytes() {
        assertThat(AxisParams.parse(Map.of("memory_budget_mb", "2.5")).memoryBudget()).isEqualTo(2_500_000);
    }
}
