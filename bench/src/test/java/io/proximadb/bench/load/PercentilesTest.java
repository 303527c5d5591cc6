package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankIsAlwaysOneOfTheSamples() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Percentiles.nearestRank(hundred, 0.50)).isEqualTo(50);
        assertThat(Percentiles.nearestRank(hundred, 0.99)).isEqualTo(99);
        assertThat(Percentiles.nearestRank(hundred, 1.0)).isEqualTo(100);
        long[] ten = LongStream.rangeClosed(1, 10).toArray();
        assertThat(Percentiles.nearestRank(ten, 0.50)).isEqualTo(5);
        // 99 % of 10 samples is 9.9, so the 10th: the largest.
        assertThat(Percentiles.nearestRank(ten, 0.99)).isEqualTo(10);
        assertThat(Percentiles.nearestRank(new long[] {7}, 0.5)).isEqualTo(7);
        assertThatThrownBy(() -> Percentiles.nearestRank(new long[0], 0.5)).hasMessageContaining("no samples");
        assertThatThrownBy(() -> Percentiles.nearestRank(ten, 0)).hasMessageContaining("fraction");
    }

    @Test
    void figuresAreInMillisecondsFromUnsortedNanosecondsLeftUnchanged() {
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (200 - i) * 1_000_000L; // 200 ms down to 1 ms
        }
        long[] copy = nanos.clone();
        Percentiles figures = Percentiles.of(nanos);
        assertThat(nanos).containsExactly(copy);
        assertThat(figures.count()).isEqualTo(200);
        assertThat(figures.p50Ms()).isEqualTo(100.0);
        assertThat(figures.p99Ms()).isEqualTo(198.0);
        assertThat(figures.maxMs()).isEqualTo(200.0);
        assertThat(figures.meanMs()).isEqualTo(100.5);
        assertThat(Percentiles.of(new long[0])).isEqualTo(Percentiles.NONE);
        assertThat(Percentiles.NONE.p99Ms()).isNaN();
    }
}
