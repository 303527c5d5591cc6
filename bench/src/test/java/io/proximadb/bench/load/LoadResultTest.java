package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultTest {

    private static LoadOptions options(double writeRatio) {
        return new LoadOptions(null, null, 8, Duration.ofSeconds(20), Duration.ofSeconds(5), "hnsw", "flat", 32, writeRatio,
                "fashion-mnist", null, null, null, 128, 200_000, 4, 500, "http1", Map.of(), null, null, null, 1);
    }

    private static final List<IngestFigure> INGESTS = List.of(
            new IngestFigure("rest", true, "flat", 784, 60_000, 500, 4, 6.0),
            new IngestFigure("grpc", true, "flat", 784, 60_000, 83, 4, 3.0),
            new IngestFigure("grpc", false, "flat", 128, 200_000, 488, 4, 2.5),
            new IngestFigure("grpc", true, "hnsw", 784, 60_000, 83, 4, 4.0));

    @Test
    void theJsonLineHoldsEveryFigureTheIssueAsksFor() throws Exception {
        LoadResult result = new LoadResult(options(0.05), "fashion-mnist", 784, 60_000, 10_000, "in-process", INGESTS,
                "flush+compact", 12.5, 3, 0, new Percentiles(40_000, 1.23456, 4.5, 9.0, 1.5), 0.96123,
                new Percentiles(2_000, 2.0, 6.0, 8.0, 2.5), 1);
        JsonNode json = RestClient.JSON.readTree(RestClient.JSON.writeValueAsString(result.toJson()));

        assertThat(json.path("benchmark").asText()).isEqualTo("load");
        assertThat(json.path("ingest_rest_vectors_per_s").asLong()).isEqualTo(10_000);
        assertThat(json.path("ingest_grpc_vectors_per_s").asLong()).isEqualTo(20_000);
        assertThat(json.path("ingest_grpc_128d_vectors_per_s").asLong()).isEqualTo(80_000);
        assertThat(json.path("ingest_grpc_hnsw_vectors_per_s").asLong()).isEqualTo(15_000);
        assertThat(json.path("ingest")).hasSize(4);
        assertThat(json.path("ingest").get(2).path("vectors").asText()).isEqualTo("synthetic");
        assertThat(json.path("ingest").get(3).path("index").asText()).isEqualTo("hnsw");
        assertThat(json.path("settle_s").asDouble()).isEqualTo(12.5);
        assertThat(json.path("search_qps").asDouble()).isEqualTo(2_000.0);
        assertThat(json.path("search_p50_ms").asDouble()).isEqualTo(1.235);
        assertThat(json.path("search_p99_ms").asDouble()).isEqualTo(4.5);
        assertThat(json.path("recall_at_10").asDouble()).isEqualTo(0.9612);
        assertThat(json.path("upsert_p50_ms").asDouble()).isEqualTo(2.0);
        assertThat(json.path("upsert_p99_ms").asDouble()).isEqualTo(6.0);
        assertThat(json.path("clients").asInt()).isEqualTo(8);
        assertThat(json.path("duration_s").asDouble()).isEqualTo(20.0);
        assertThat(json.path("errors").asInt()).isEqualTo(1);
        assertThat(json.path("ef").asInt()).isEqualTo(32);
        assertThat(json.path("targets").path("search_p99_under_5ms_at_recall_0_95").asBoolean()).isTrue();
        assertThat(json.path("targets").path("upsert_p99_under_5ms").asBoolean()).isFalse();
        assertThat(json.path("targets").path("grpc_ingest_128d_at_least_50000_per_s").asBoolean()).isTrue();
    }

    @Test
    void figuresNotMeasuredAreNull() throws Exception {
        LoadResult result = new LoadResult(options(0), "fashion-mnist", 784, 60_000, 10_000, "in-process",
                INGESTS.subList(3, 4), "flush+compact", 12.5, 3, 0, new Percentiles(100, 1, 2, 3, 1.5), 0.9,
                Percentiles.NONE, 0);
        JsonNode json = RestClient.JSON.readTree(RestClient.JSON.writeValueAsString(result.toJson()));

        assertThat(json.path("upserts").asInt()).isZero();
        assertThat(json.path("upsert_p99_ms").isNull()).isTrue();
        assertThat(json.path("targets").path("upsert_p99_under_5ms").isNull()).isTrue();
        assertThat(json.path("targets").path("grpc_ingest_128d_at_least_50000_per_s").isNull()).isTrue();
        assertThat(json.has("ingest_grpc_128d_vectors_per_s")).isFalse();
        // Recall 0.9 misses the 0.95 the latency target is stated at.
        assertThat(json.path("targets").path("search_p99_under_5ms_at_recall_0_95").asBoolean()).isFalse();
    }
}
