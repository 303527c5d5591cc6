package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.bench.plot.LinePlot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplesTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    @Test
    void mergeOrdersByStartAndFailuresAreCountedButNotTimed() {
        Samples a = new Samples();
        a.add(2 * S, 3 * MS, Samples.Kind.SEARCH, true);
        a.add(0, 1 * MS, Samples.Kind.UPSERT, true);
        Samples b = new Samples();
        b.add(S, 2 * MS, Samples.Kind.SEARCH, true);
        b.add(S + 5, 90 * MS, Samples.Kind.SEARCH, false);
        Samples all = Samples.merge(List.of(a, b));

        assertThat(all.size()).isEqualTo(4);
        assertThat(all.latencies(Samples.Kind.SEARCH)).containsExactly(2 * MS, 3 * MS);
        assertThat(all.latencies(Samples.Kind.UPSERT)).containsExactly(MS);
        assertThat(all.failures()).isEqualTo(1);
    }

    @Test
    void perSecondPercentilesSkipEmptySeconds() {
        Samples samples = new Samples();
        for (int i = 1; i <= 100; i++) {
            samples.add(i * 5 * MS, i * MS, Samples.Kind.SEARCH, true); // second 0: 1..100 ms
        }
        samples.add(2 * S + 1, 7 * MS, Samples.Kind.SEARCH, true); // second 2: one sample; second 1: none
        samples.add(2 * S + 2, 70 * MS, Samples.Kind.UPSERT, true);
        LinePlot.Series p99 = samples.perSecond("p99", Samples.Kind.SEARCH, 0.99, 3);

        assertThat(p99.x()).containsExactly(1.0, 3.0);
        assertThat(p99.y()).containsExactly(99.0, 7.0);
        assertThat(samples.perSecond("upsert", Samples.Kind.UPSERT, 0.5, 3).y()).containsExactly(70.0);
    }

    @Test
    void theCsvHasOneRowPerRequest(@TempDir Path directory) throws Exception {
        Samples samples = new Samples();
        samples.add(1_500 * MS, 2_250_000, Samples.Kind.SEARCH, true);
        samples.add(1_600 * MS, 9 * MS, Samples.Kind.UPSERT, false);
        Path csv = directory.resolve("samples.csv");
        samples.writeCsv(csv);

        assertThat(Files.readAllLines(csv)).containsExactly("start_s,kind,latency_ms,ok",
                "1.500000,search,2.2500,true", "1.600000,upsert,9.0000,false");
    }
}
