package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole benchmark, briefly, on a tiny synthetic set against a server it starts in-process. */
class LoadBenchmarkTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aShortRunIngestsSearchesAndReportsItsFiguresAndFiles(@TempDir Path results) throws Exception {
        LoadOptions options = new LoadOptions(null, null, 2, Duration.ofSeconds(2), Duration.ZERO, "hnsw", "flat", 32,
                0.2, "synthetic", 8, 2_000, 200, 8, 1_000, 2, 500, "http1", Map.of(), null, null, results, 7);
        String line = LoadBenchmark.run(options);
        JsonNode json = RestClient.JSON.readTree(line);

        assertThat(line).doesNotContain("\n");
        assertThat(json.path("benchmark").asText()).isEqualTo("load");
        assertThat(json.path("server").asText()).isEqualTo("in-process");
        assertThat(json.path("dataset").asText()).isEqualTo("synthetic");
        assertThat(json.path("dimension").asInt()).isEqualTo(8);
        assertThat(json.path("clients").asInt()).isEqualTo(2);
        // REST and gRPC into flat collections, the 8-d synthetic one, then the searched hnsw collection.
        assertThat(json.path("ingest")).hasSize(4);
        assertThat(json.path("ingest_grpc_hnsw_vectors_per_s").asLong()).isPositive();
        assertThat(json.path("ingest_rest_vectors_per_s").asLong()).isPositive();
        assertThat(json.path("ingest_grpc_vectors_per_s").asLong()).isPositive();
        assertThat(json.path("ingest_grpc_8d_vectors_per_s").asLong()).isPositive();
        assertThat(json.path("settle").asText()).isEqualTo("flush+compact");
        assertThat(json.path("memtable_bytes").asLong()).isZero();
        long searches = json.path("searches").asLong();
        long upserts = json.path("upserts").asLong();
        assertThat(searches).isPositive();
        assertThat(upserts).isPositive();
        assertThat(json.path("search_qps").asDouble()).isPositive();
        assertThat(json.path("search_p99_ms").asDouble()).isGreaterThanOrEqualTo(json.path("search_p50_ms").asDouble());
        assertThat(json.path("upsert_p99_ms").asDouble()).isGreaterThanOrEqualTo(json.path("upsert_p50_ms").asDouble());
        // hnsw over 2,000 points of 8 dimensions at ef = 32 finds nearly all true neighbours; a wrong id
        // mapping or a broken answer would score near 0.
        assertThat(json.path("recall_at_10").asDouble()).isGreaterThan(0.9);
        assertThat(json.path("errors").asInt()).isZero();

        Path csv = Path.of(json.path("csv").asText());
        Path png = Path.of(json.path("png").asText());
        assertThat(csv).startsWith(results);
        assertThat(Files.readAllLines(csv)).hasSize((int) (searches + upserts + 1));
        assertThat(ImageIO.read(png.toFile())).isNotNull();
        assertThat(Files.readString(Path.of(json.path("json").asText())).trim()).isEqualTo(line);
    }
}
