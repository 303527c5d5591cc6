package io.proximadb.index.hnsw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Build and query parameters: defaults, names, ranges and what the error messages say. */
class HnswParametersTest {

    @Test
    void defaultsAreThoseDocumented() {
        HnswParams params = HnswParams.parse(Map.of());
        assertThat(params.m()).isEqualTo(16);
        assertThat(params.m0()).isEqualTo(32);
        assertThat(params.efConstruction()).isEqualTo(200);
        assertThat(params.seed()).isEqualTo(42);
        assertThat(params.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(params.levelMultiplier()).isEqualTo(1 / Math.log(16));
        assertThat(HnswParams.ef(Map.of(), 10)).isEqualTo(64);
        assertThat(HnswParams.ef(Map.of(), 100)).isEqualTo(100);
        assertThat(HnswParams.ef(Map.of("ef", "16"), 10)).isEqualTo(16);
        assertThat(HnswParams.ef(Map.of("ef", "5"), 10)).as("never below k").isEqualTo(10);
    }

    @Test
    void unknownNamesAreRejectedWithTheKnownOnes() {
        assertThatThrownBy(() -> HnswParams.parse(Map.of("M", "16")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'M'").hasMessageContaining("build_threads, ef_construction, m, pq_m, quantizer, seed");
        assertThatThrownBy(() -> HnswParams.ef(Map.of("ef_search", "16"), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ef_search'").hasMessageContaining("known search parameters: ef, rerank");
    }

    @Test
    void quantizerAndRerankAreParsedAndCheckedByName() {
        assertThat(HnswParams.parse(Map.of()).quantizer()).isEqualTo("none");
        assertThat(HnswParams.parse(Map.of("quantizer", "sq8")).quantizer()).isEqualTo("sq8");
        assertThatThrownBy(() -> HnswParams.parse(Map.of("quantizer", "pq8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown hnsw quantizer 'pq8', known: none, sq8, pq, binary");
        assertThat(HnswParams.parse(Map.of("quantizer", "pq", "pq_m", "8")).pqM()).isEqualTo(8);
        assertThatThrownBy(() -> HnswParams.parse(Map.of("quantizer", "sq8", "pq_m", "8")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'pq_m' applies only with quantizer = pq");
        assertThatThrownBy(() -> new HnswIndexFactory().build(new IndexSpec(32, Metric.L2, Map.of("quantizer", "pq", "pq_m", "5")),
                IndexFixtures.random(50, 32, 1), VectorKernelsProvider.best()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pq_m = 5").hasMessageContaining("1, 2, 4, 8, 16, 32");
        assertThat(HnswParams.query(Map.of(), 10)).isEqualTo(new HnswParams.Query(64, 0));
        assertThat(HnswParams.query(Map.of("rerank", "30"), 10)).isEqualTo(new HnswParams.Query(64, 30));
        assertThat(HnswParams.query(Map.of("rerank", "3", "ef", "8"), 10)).as("never below k").isEqualTo(new HnswParams.Query(10, 10));
        assertThatThrownBy(() -> HnswParams.query(Map.of("rerank", "0"), 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'rerank'");
    }

    @Test
    void aLargerRerankNeverLowersRecallAndEveryResultCarriesItsExactDistance() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(2_000, 16, 3);
        float[][] queries = IndexFixtures.randomQueries(30, 16, 4);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(16, Metric.L2, Map.of("quantizer", "binary")),
                values, VectorKernelsProvider.best())) {
            double narrow = IndexFixtures.recall(index, values, Metric.L2, queries, 10, null, Map.of("rerank", "10", "ef", "10"));
            double wide = IndexFixtures.recall(index, values, Metric.L2, queries, 10, null, Map.of("rerank", "2000"));
            assertThat(wide).as("a rerank of every vector is an exact search").isEqualTo(1.0);
            assertThat(narrow).isLessThan(wide);
            for (var neighbor : index.search(queries[0], 10, null, Map.of("rerank", "10", "ef", "10"))) {
                float exact = Metric.L2.distance(VectorKernelsProvider.best(), queries[0], values.vector(neighbor.ordinal()));
                assertThat(neighbor.distance()).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5f * exact));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"m, 1", "m, 513", "m, sixteen", "ef_construction, 0", "build_threads, 0", "seed, 1.5"})
    void badValuesAreRejectedByName(String name, String value) {
        assertThatThrownBy(() -> HnswParams.parse(Map.of(name, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + name + "'").hasMessageContaining(value);
    }

    @Test
    void aBadEfIsRejectedAtSearch() {
        IndexFixtures.ArrayValues values = IndexFixtures.random(50, 8, 1);
        try (VectorIndex index = new HnswIndexFactory().build(new IndexSpec(8, Metric.L2, Map.of()), values,
                VectorKernelsProvider.best())) {
            assertThatThrownBy(() -> index.search(values.vector(0), 3, null, Map.of("ef", "0")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ef'");
        }
    }

    @Test
    void levelsThinOutByTheMultiplier() {
        byte[] levels = Levels.draw(200_000, 1 / Math.log(16), 7);
        long aboveZero = 0;
        long aboveOne = 0;
        for (byte level : levels) {
            aboveZero += level >= 1 ? 1 : 0;
            aboveOne += level >= 2 ? 1 : 0;
        }
        assertThat(aboveZero / 200_000.0).isCloseTo(1 / 16.0, org.assertj.core.data.Offset.offset(0.003));
        assertThat(aboveOne / 200_000.0).isCloseTo(1 / 256.0, org.assertj.core.data.Offset.offset(0.001));
        assertThat(Levels.draw(1_000, 0.36, 7)).isEqualTo(Levels.draw(1_000, 0.36, 7)).isNotEqualTo(Levels.draw(1_000, 0.36, 8));
    }
}
