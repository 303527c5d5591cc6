package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CandidateTest {

    @Test
    void namesRoundTrip() {
        for (Candidate candidate : Candidate.ALL) {
            assertThat(Candidate.parse(candidate.toString())).isEqualTo(candidate);
        }
    }

    @Test
    void effortsStartAtKForHnswAndAreOneForFlat() {
        Candidate hnsw = new Candidate("hnsw", 16, "none");
        assertThat(hnsw.efforts(10)).startsWith(10, 16).endsWith(512);
        assertThat(hnsw.efforts(50)).startsWith(50, 64);
        assertThat(new Candidate("flat", 0, "none").efforts(10)).containsExactly(0);
        assertThat(new Candidate("ivf", 0, "pq").efforts(10)).startsWith(1).endsWith(128);
    }

    @Test
    void buildParametersAreTheIndexesOwn() {
        assertThat(new Candidate("hnsw", 32, "sq8").buildParams()).containsExactly(
                java.util.Map.entry("m", "32"), java.util.Map.entry("quantizer", "sq8"));
        assertThat(new Candidate("ivf", 0, "none").buildParams()).isEmpty();
    }
}
