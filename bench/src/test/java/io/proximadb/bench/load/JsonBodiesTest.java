package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    @Test
    void recordAndSearchBodiesReadBackToTheSameFloats() throws Exception {
        float[][] vectors = LoadDataset.random(new SplittableRandom(3), 5, 16);
        vectors[2][0] = 1e-7f; // printed with an exponent
        vectors[2][1] = 255f;
        JsonNode records = RestClient.JSON.readTree(JsonBodies.records(vectors, 1, 4)).path("records");

        assertThat(records).hasSize(3);
        for (int r = 0; r < 3; r++) {
            assertThat(records.get(r).path("id").asText()).isEqualTo(Integer.toString(r + 1));
            for (int d = 0; d < 16; d++) {
                assertThat(records.get(r).path("vector").get(d).floatValue()).isEqualTo(vectors[r + 1][d]);
            }
        }
        JsonNode search = RestClient.JSON.readTree(JsonBodies.search(vectors[2], 10, 48));
        assertThat(search.path("k").asInt()).isEqualTo(10);
        assertThat(search.path("params").path("ef").asInt()).isEqualTo(48);
        assertThat(search.path("vector").get(0).floatValue()).isEqualTo(1e-7f);
        assertThat(RestClient.JSON.readTree(JsonBodies.search(vectors[2], 10, null)).has("params")).isFalse();
    }

    @Test
    void syntheticGroundTruthIsTheExactNearestByL2() {
        float[][] base = {{0, 0}, {3, 0}, {1, 0}, {0, 2}, {-1, 0}};
        assertThat(LoadDataset.nearest(base, new float[] {0.9f, 0}, 3)).containsExactly(2, 0, 4);
        // Ties keep the lower ordinal first.
        assertThat(LoadDataset.nearest(base, new float[] {0, 0}, 3)).containsExactly(0, 2, 4);
        LoadDataset data = LoadDataset.synthetic(4, 200, 20, 10, 9);
        assertThat(data.gt()).hasNumberOfRows(20);
        assertThat(data.gt()[0]).hasSize(10).doesNotHaveDuplicates();
    }
}
