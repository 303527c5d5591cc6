package io.proximadb.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.json.MetadataJson;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, run against a real server. The code between the README markers below is
 * the README's code block, character for character (after removing this file's indentation), which
 * {@link #theReadmeShowsExactlyThisCode} checks, so the README cannot drift from code that runs.
 */
class QuickStartTest {

    private static final Path README = Path.of("README.md");
    private static final Path SOURCE = Path.of("src/test/java/io/proximadb/client/QuickStartTest.java");

    @TempDir
    Path directory;

    /** The quick start; {@code server} stands for the README's {@code URI.create("http://127.0.0.1:7700")}. */
    static void quickStart(URI server) {
        // README:begin
        try (ProximaDB db = ProximaClient.connect(server, ClientOptions.defaults().withApiKey(System.getenv("PROXIMA_API_KEY")))) {
            Collection docs = db.createCollection(CollectionConfig.of("quickstart", 3, Metric.COSINE));
            docs.upsert(List.of(
                    new VectorRecord("a", new float[] {1.0f, 0.0f, 0.0f}, MetadataJson.parseObject("{\"lang\": \"en\"}")),
                    new VectorRecord("b", new float[] {0.0f, 1.0f, 0.0f}, MetadataJson.parseObject("{\"lang\": \"de\"}")),
                    new VectorRecord("c", new float[] {0.9f, 0.1f, 0.0f}, MetadataJson.parseObject("{\"lang\": \"en\"}"))));

            SearchRequest query = SearchRequest.of(new float[] {1.0f, 0.0f, 0.0f}, 2).withFilter("{\"lang\": \"en\"}");
            for (SearchHit hit : docs.search(query)) {
                System.out.printf("%s %.4f%n", hit.id(), hit.score());
            }
            System.out.println("live records: " + docs.describe().liveRecords());
            db.dropCollection("quickstart");
        }
        // README:end
    }

    @Test
    void theQuickStartRunsAgainstARealServer() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (LiveServer server = LiveServer.start(directory.resolve("data"))) {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            try {
                quickStart(server.uri());
            } finally {
                System.setOut(original);
            }
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println("quick start output:\n" + output);
        assertThat(output.lines().toList()).containsExactly("a 1.0000", "c 0.9939", "live records: 3");
    }

    @Test
    void theReadmeShowsExactlyThisCode() throws IOException {
        String source = Files.readString(SOURCE);
        String inTest = source.substring(source.indexOf("// README:begin\n") + "// README:begin\n".length(),
                source.indexOf("        // README:end"));
        String unindented = inTest.lines().map(line -> line.length() >= 8 ? line.substring(8) : line.strip())
                .collect(Collectors.joining("\n", "", "\n"));
        String readme = Files.readString(README);
        String block = readme.substring(readme.indexOf("```java\n") + "```java\n".length());
        block = block.substring(block.indexOf("try ("), block.indexOf("```\n"));
        assertThat(block).isEqualTo(unindented);
    }
}
