package io.proximadb.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadOptionsTest {

    private static LoadOptions options(URI url, int clients, double writeRatio, String dataset, Integer dimension,
                                       Integer count, String http, int batch) {
        return new LoadOptions(url, null, clients, Duration.ofSeconds(30), Duration.ofSeconds(5), "hnsw", "flat", 32,
                writeRatio, dataset, dimension, count, null, 128, 200_000, 4, batch, http, Map.of(), null, null, null, 1);
    }

    private static LoadOptions fashion() {
        return options(null, 8, 0.05, "fashion-mnist", null, null, "http1", 500);
    }

    @Test
    void durationsReadSecondsMinutesMillisecondsAndPlainNumbers() {
        assertThat(LoadOptions.parseDuration("duration", "30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(LoadOptions.parseDuration("duration", "2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoadOptions.parseDuration("duration", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(LoadOptions.parseDuration("duration", "1.5")).isEqualTo(Duration.ofMillis(1500));
        assertThat(LoadOptions.parseDuration("warmup", "0s")).isZero();
        assertThatThrownBy(() -> LoadOptions.parseDuration("duration", "30 seconds"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--duration").hasMessageContaining("30s");
        assertThatThrownBy(() -> LoadOptions.parseDuration("warmup", "-1s"))
                .hasMessageContaining("--warmup");
    }

    @Test
    void theDefaultsOfTheIssueCommandAreAccepted() {
        LoadOptions options = fashion();
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.url()).isNull();
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertThatThrownBy(() -> options(null, 0, 0.05, "fashion-mnist", null, null, "http1", 500))
                .hasMessageContaining("--clients must be positive");
        assertThatThrownBy(() -> options(null, 8, 1.5, "fashion-mnist", null, null, "http1", 500))
                .hasMessageContaining("--write-ratio");
        assertThatThrownBy(() -> options(null, 8, Double.NaN, "fashion-mnist", null, null, "http1", 500))
                .hasMessageContaining("--write-ratio");
        assertThatThrownBy(() -> options(null, 8, 0.05, "fashion-mnist", null, null, "http3", 500))
                .hasMessageContaining("unknown --http 'http3'").hasMessageContaining("http1, h2c");
        assertThatThrownBy(() -> options(null, 8, 0.05, "fashion-mnist", null, null, "http1", 20_000))
                .hasMessageContaining("--batch must be at most 10000");
        assertThatThrownBy(() -> options(URI.create("https://db.example.com:443"), 8, 0.05, "fashion-mnist", null, null,
                "http1", 500)).hasMessageContaining("--url must be http://host:port");
        assertThatThrownBy(() -> options(URI.create("http://127.0.0.1:7700/v1"), 8, 0.05, "fashion-mnist", null, null,
                "http1", 500)).hasMessageContaining("--url takes no path");
        assertThatThrownBy(() -> options(null, 8, 0.05, "sift", null, null, "http1", 500))
                .hasMessageContaining("unknown data set 'sift'").hasMessageContaining("fashion-mnist, synthetic");
    }

    @Test
    void syntheticNeedsItsShapeAndFashionMnistRefusesOne() {
        LoadOptions synthetic = options(null, 2, 0.05, "synthetic", 8, 2000, "h2c", 500);
        assertThat(synthetic.syntheticQueries()).isEqualTo(1000);
        assertThat(options(null, 2, 0.05, "synthetic", 8, 300, "h2c", 500).syntheticQueries()).isEqualTo(300);
        assertThatThrownBy(() -> options(null, 2, 0.05, "synthetic", 8, null, "http1", 500))
                .hasMessageContaining("--dataset synthetic needs --dimension and --count");
        assertThatThrownBy(() -> options(null, 2, 0.05, "synthetic", 8, 5, "http1", 500))
                .hasMessageContaining("--count must be at least k = 10");
        assertThatThrownBy(() -> options(null, 2, 0.05, "fashion-mnist", 8, null, "http1", 500))
                .hasMessageContaining("apply to --dataset synthetic");
    }
}
