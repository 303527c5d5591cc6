package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.bench.load.LoadOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class LoadBenchCommandTest {

    private static LoadOptions parse(String... arguments) {
        ParseResult parsed = Main.newCommandLine().parseArgs(arguments);
        return ((LoadBenchCommand) parsed.subcommand().subcommand().commandSpec().userObject()).options();
    }

    @Test
    void theIssueCommandLineGetsTheDocumentedDefaults() {
        LoadOptions options = parse("bench", "load", "--clients", "8", "--duration", "30s");

        assertThat(options.url()).isNull();
        assertThat(options.clients()).isEqualTo(8);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.warmup()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.index()).isEqualTo("hnsw");
        assertThat(options.ingestIndex()).isEqualTo("flat");
        assertThat(options.ef()).isEqualTo(32);
        assertThat(options.writeRatio()).isEqualTo(0.05);
        assertThat(options.dataset()).isEqualTo("fashion-mnist");
        assertThat(options.ingestDimension()).isEqualTo(128);
        assertThat(options.ingestCount()).isEqualTo(200_000);
        assertThat(options.http()).isEqualTo("http1");
    }

    @Test
    void aRunningServerAndEveryKnobAreTakenAsGiven() {
        LoadOptions options = parse("bench", "load", "--url", "http://127.0.0.1:7700", "--api-key", "pxk_x_y",
                "--duration", "2m", "--warmup", "0s", "--ef", "0", "--write-ratio", "0", "--dataset", "synthetic",
                "--dimension", "8", "--count", "2000", "--queries", "50", "--ingest-dimension", "0", "--http", "h2c",
                "--collection-option", "index.m=24", "--batch", "100", "--ingest-streams", "2");

        assertThat(options.url()).isEqualTo(URI.create("http://127.0.0.1:7700"));
        assertThat(options.apiKey()).isEqualTo("pxk_x_y");
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.warmup()).isZero();
        assertThat(options.ef()).isNull();
        assertThat(options.collectionOptions()).isEqualTo(Map.of("index.m", "24"));
        assertThat(options.queries()).isEqualTo(50);
        assertThat(options.http()).isEqualTo("h2c");
        assertThat(options.batch()).isEqualTo(100);
        assertThat(options.ingestStreams()).isEqualTo(2);
    }

    @Test
    void aBadValueFailsBeforeAnyWorkWithItsReason() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));

        assertThat(commandLine.execute("bench", "load", "--duration", "30x")).isEqualTo(1);
        assertThat(err.toString()).contains("--duration must be a duration such as 30s");
    }

    @Test
    void isListedUnderBenchWithItsHelp() {
        CommandLine commandLine = Main.newCommandLine();
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("bench", "--help")).isZero();
        assertThat(out.toString()).contains("load");

        out.getBuffer().setLength(0);
        assertThat(commandLine.execute("bench", "load", "--help")).isZero();
        assertThat(out.toString()).contains("--clients", "--duration", "--write-ratio", "--url", "--api-key",
                "--ingest-dimension", "UpsertStream", "docs/bench/load.md");
    }
}
