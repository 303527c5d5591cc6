package io.proximadb.bench.hiccup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class HiccupMeterTest {

    @Test
    void reportsEveryThreadAndAShareOfTimeStalled() throws Exception {
        JsonNode json = new ObjectMapper().readTree(HiccupMeter.run(2, 4, 0.3));
        assertThat(json.path("benchmark").asText()).isEqualTo("hiccups");
        assertThat(json.path("per_thread")).hasSize(2);
        assertThat(json.path("per_thread").get(1).path("thread").asInt()).isEqualTo(1);
        assertThat(json.path("stalled_share").asDouble()).isBetween(0.0, 1.0);
        // A gap over 5 ms is also over 1 ms; the longest gap bounds every listed one.
        for (JsonNode thread : json.path("per_thread")) {
            assertThat(thread.path("gaps_over_1ms").asLong()).isGreaterThanOrEqualTo(thread.path("gaps_over_5ms").asLong());
            for (JsonNode gap : thread.path("gaps_over_5ms_at_s_for_ms")) {
                assertThat(gap.get(1).asDouble()).isGreaterThan(5).isLessThanOrEqualTo(thread.path("longest_ms").asDouble());
            }
        }
    }
}
