package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.Records;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin built outside the reactor works with no kernel edit: build examples/memtable-plugin
 * with its own POM (which runs its contract-suite test), drop the jar into a plugin directory,
 * see {@code proxima plugins} list it, and use it for a collection.
 */
class ExamplePluginTest {

    @TempDir
    Path work;

    @Test
    void theExamplePluginBuildsPassesItsContractSuiteLoadsAndServesACollection() throws Exception {
        Path example = ProcessRunner.root().resolve("examples/memtable-plugin");
        ProcessRunner.Result build = ProcessRunner.run(example, Map.of("JAVA_HOME", System.getProperty("java.home")), 600,
                List.of("mvn", "-B", "-q", "package", "-Dmaven.repo.local=" + localRepository()));
        assertThat(build.exitCode()).as("example plugin build:\n" + build.output()).isZero();
        Path reports = example.resolve("target/surefire-reports");
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("the example ran its contract suite").anyMatch(n -> n.contains("TreeMapMemtableTest"));
        }

        Path pluginDirectory = Files.createDirectories(work.resolve("my-plugins"));
        Files.copy(example.resolve("target/proxima-treemap-memtable-1.0.0.jar"),
                pluginDirectory.resolve("proxima-treemap-memtable-1.0.0.jar"));

        ProcessRunner.Result listing = ProcessRunner.proxima("plugins", "--plugin-path", pluginDirectory.toString(),
                "--data-dir", work.resolve("data").toString());
        assertThat(listing.exitCode()).as(listing.output()).isZero();
        assertThat(listing.output())
                .containsPattern("(?m)^  treemap +1\\.0\\.0 +proxima-treemap-memtable-1\\.0\\.0\\.jar +available$");

        // The data directory's own plugins/ works too, and data written through the plugin survives reopening.
        Path dataDirectory = work.resolve("data");
        Files.createDirectories(dataDirectory.resolve("plugins"));
        Files.copy(pluginDirectory.resolve("proxima-treemap-memtable-1.0.0.jar"),
                dataDirectory.resolve("plugins/proxima-treemap-memtable-1.0.0.jar"));
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(dataDirectory);
        try (ProximaDB db = ProximaDB.open(config)) {
            Collection docs = db.createCollection(CollectionConfig.of("docs", 2, Metric.L2).withMemtable("treemap"));
            docs.upsert(List.of(Records.of("a", new float[] {0, 0}), Records.of("b", new float[] {5, 5})));
        }
        try (ProximaDB db = ProximaDB.open(config)) {
            Collection docs = db.collection("docs");
            assertThat(docs.describe().spec().memtable()).isEqualTo("treemap");
            assertThat(docs.search(SearchRequest.of(new float[] {4, 4}, 2))).extracting(SearchHit::id)
                    .containsExactly("b", "a");
        }
    }

    /** The local repository this build uses, where the reactor has just installed kernel-spi. */
    private static String localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? configured : Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
    }
}
