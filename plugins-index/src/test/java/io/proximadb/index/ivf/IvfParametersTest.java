package io.proximadb.index.ivf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Build and query parameters: defaults, names, ranges, clamping and what the error messages say. */
class IvfParametersTest {

    @Test
    void defaultsAreThoseDocumented() {
        IvfParams params = IvfParams.parse(Map.of());
        assertThat(params.quantizer()).isEqualTo(IvfParams.Quantizer.NONE);
        assertThat(params.seed()).isEqualTo(42);
        assertThat(params.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(params.lists(60_000)).isEqualTo(980);
        assertThat(params.lists(1_000_000)).isEqualTo(4_000);
        assertThat(params.lists(5)).as("at most n").isEqualTo(5);
        assertThat(params.lists(1)).isEqualTo(1);
        assertThat(params.sample(980, 60_000)).isEqualTo(39 * 980);
        assertThat(params.sample(50, 60_000)).isEqualTo(10_000);
        assertThat(params.sample(50, 3_000)).as("capped at n").isEqualTo(3_000);
        assertThat(IvfParams.defaultPqM(784)).isEqualTo(196);
        assertThat(IvfParams.defaultPqM(32)).isEqualTo(8);
        assertThat(IvfParams.defaultPqM(7)).isEqualTo(1);
        assertThat(IvfSearchParams.defaultNprobe(980, 60_000)).as("2,048 vectors of 60,000 in 980 lists").isEqualTo(34);
        assertThat(IvfSearchParams.defaultNprobe(4_000, 1_000_000)).as("√4000").isEqualTo(64);
        assertThat(IvfSearchParams.defaultNprobe(219, 3_000)).as("2,048 vectors' worth of lists").isEqualTo(150);
        assertThat(IvfSearchParams.defaultNprobe(5, 5)).isEqualTo(5);
        assertThat(IvfSearchParams.defaultNprobe(1, 1)).isEqualTo(1);
        assertThat(IvfSearchParams.parse(Map.of(), 980, 60_000, 10)).isEqualTo(new IvfSearchParams(34, IvfSearchParams.DEFAULT));
    }

    @Test
    void searchParametersAreClampedOrRaised() {
        assertThat(IvfSearchParams.parse(Map.of("nprobe", "5000"), 980, 60_000, 10).nprobe()).isEqualTo(980);
        assertThat(IvfSearchParams.parse(Map.of("rerank", "3"), 980, 60_000, 10).rerank()).as("never below k").isEqualTo(10);
        assertThat(IvfSearchParams.parse(Map.of("rerank", "0"), 980, 60_000, 10).rerank()).as("off").isZero();
    }

    @Test
    void explicitParametersAreUsed() {
        IvfParams params = IvfParams.parse(Map.of("nlist", "100", "quantizer", "PQ", "pq_m", "16", "seed", "-3",
                "build_threads", "1", "train_sample", "5000"));
        assertThat(params).isEqualTo(new IvfParams(100, IvfParams.Quantizer.PQ, 16, -3, 1, 5_000));
        assertThat(params.lists(60_000)).isEqualTo(100);
        assertThat(params.lists(40)).isEqualTo(40);
        assertThat(params.sample(100, 60_000)).isEqualTo(5_000);
        assertThat(params.pqSubspaces(784)).isEqualTo(16);
    }

    @Test
    void unknownNamesAreRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> IvfParams.parse(Map.of("lists", "16")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'lists'")
                .hasMessageContaining("build_threads, nlist, pq_m, quantizer, seed, train_sample");
        assertThatThrownBy(() -> IvfSearchParams.parse(Map.of("ef", "16"), 10, 100, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ef'")
                .hasMessageContaining("known search parameters: nprobe, rerank");
    }

    @ParameterizedTest
    @CsvSource({"nlist, 0", "nlist, ten", "pq_m, 0", "build_threads, 0", "seed, 1.5", "train_sample, -1"})
    void badBuildValuesAreRejectedByName(String name, String value) {
        assertThatThrownBy(() -> IvfParams.parse(Map.of(name, value, "quantizer", "pq")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'").hasMessageContaining(value);
    }

    @ParameterizedTest
    @CsvSource({"nprobe, 0", "nprobe, -2", "nprobe, all", "rerank, -1"})
    void badSearchValuesAreRejectedByName(String name, String value) {
        assertThatThrownBy(() -> IvfSearchParams.parse(Map.of(name, value), 10, 100, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'").hasMessageContaining(value);
    }

    @Test
    void quantizerMistakesAreExplained() {
        assertThat(IvfParams.parse(Map.of("quantizer", "SQ8")).quantizer()).isEqualTo(IvfParams.Quantizer.SQ8);
        assertThat(IvfParams.parse(Map.of("quantizer", "binary")).quantizer()).isEqualTo(IvfParams.Quantizer.BINARY);
        assertThatThrownBy(() -> IvfParams.parse(Map.of("quantizer", "pq8")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown ivf quantizer 'pq8', known: none, sq8, pq, binary");
        assertThatThrownBy(() -> IvfParams.parse(Map.of("pq_m", "8")))
                .hasMessageContaining("'pq_m' applies only with quantizer = pq");
        IndexFixtures.ArrayValues values = IndexFixtures.random(100, 32, 1);
        assertThatThrownBy(() -> new IvfIndexFactory().build(new IndexSpec(32, Metric.L2, Map.of("quantizer", "pq", "pq_m", "5")),
                values, VectorKernelsProvider.best()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pq_m = 5").hasMessageContaining("1, 2, 4, 8, 16, 32");
    }

    @Test
    void moreListsThanVectorsGiveOneListPerVectorAndStillSearch() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(7, 16, 2);
        for (String quantizer : new String[] {"none", "pq"}) {
            try (IvfIndex index = IvfTestSupport.build(values, Metric.L2, Map.of("nlist", "1000", "quantizer", quantizer))) {
                assertThat(index.nlist()).isEqualTo(7);
                assertThat(index.search(values.vector(3), 10, null, Map.of("nprobe", "1"))).hasSize(7)
                        .first().extracting(Neighbor::ordinal).isEqualTo(3);
                assertThat(index.search(values.vector(3), Integer.MAX_VALUE, null, Map.of("rerank", "2000000000")))
                        .as("a huge k or rerank allocates no more than the vectors").hasSize(7);
            }
        }
        try (IvfIndex single = IvfTestSupport.build(IndexFixtures.random(1, 16, 3), Metric.COSINE, Map.of("quantizer", "pq"))) {
            assertThat(single.search(new float[16], 3, null, Map.of())).hasSize(1);
        }
    }

    @Test
    void aBadNprobeIsRejectedAtSearchAndAClosedIndexRefusesSearches() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(50, 8, 1);
        VectorIndex index = IvfTestSupport.build(values, Metric.L2, Map.of());
        assertThatThrownBy(() -> index.search(values.vector(0), 3, null, Map.of("nprobe", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nprobe'");
        assertThat(index.search(values.vector(0), 3, null, Map.of("rerank", "5"))).as("rerank is accepted, unused, by IVF-Flat")
                .hasSize(3);
        index.close();
        assertThatThrownBy(() -> index.search(values.vector(0), 3, null, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void theBuildIsDeterministicForASeedWhateverTheThreads() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(3_000, 16, 4);
        for (String quantizer : new String[] {"none", "pq"}) {
            byte[] one = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", quantizer, "build_threads", "1"));
            byte[] three = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", quantizer, "build_threads", "3"));
            byte[] otherSeed = IvfTestSupport.bytesOfNew(values, Metric.L2, Map.of("quantizer", quantizer, "seed", "7"));
            assertThat(three).isEqualTo(one);
            assertThat(otherSeed).isNotEqualTo(one);
        }
    }

    @Test
    void memoryCountsTheListsAndThePooledScratch() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(2_000, 32, 5);
        try (IvfIndex flat = IvfTestSupport.build(values, Metric.L2, Map.of());
             IvfIndex pq = IvfTestSupport.build(values, Metric.L2, Map.of("quantizer", "pq"))) {
            long flatBytes = IvfTestSupport.bytesOf(flat).length;
            assertThat(flat.memoryBytes()).isEqualTo(flatBytes).isGreaterThan(2_000L * 4);
            flat.search(values.vector(1), 10, null, Map.of());
            assertThat(flat.memoryBytes()).as("with a pooled scratch").isGreaterThan(flatBytes);
            long pqBytes = IvfTestSupport.bytesOf(pq).length;
            assertThat(pq.memoryBytes()).as("file plus codebooks on the heap")
                    .isEqualTo(pqBytes + 2L * 32 * 256 * 4).isGreaterThan(2_000L * (4 + 8 + 4));
        }
    }
}
