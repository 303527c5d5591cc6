package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.QueryWorkload;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WorkloadRecorderTest {

    @Test
    void countsSearchesTheirKFiltersSelectivityAndRate() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        WorkloadRecorder recorder = new WorkloadRecorder(clock);
        assertThat(recorder.snapshot()).isEqualTo(QueryWorkload.NONE);
        recorder.search(10, false);
        recorder.search(30, true);
        recorder.selectivity(50, 1_000);
        recorder.selectivity(150, 1_000);
        recorder.selectivity(7, 0); // an empty segment says nothing
        now.set(now.get().plus(Duration.ofSeconds(4)));
        QueryWorkload workload = recorder.snapshot();
        assertThat(workload.queries()).isEqualTo(2);
        assertThat(workload.meanK()).isEqualTo(20);
        assertThat(workload.filteredShare()).isEqualTo(0.5);
        assertThat(workload.meanSelectivity()).isEqualTo(0.1);
        assertThat(workload.queriesPerSecond()).isEqualTo(0.5);
    }
}
