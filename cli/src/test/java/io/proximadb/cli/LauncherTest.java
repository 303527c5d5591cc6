package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The real launcher script, run as a user would. */
class LauncherTest {

    @Test
    void everyCommandHasHelp() throws Exception {
        ProcessRunner.Result root = ProcessRunner.proxima("--help");
        assertThat(root.exitCode()).as(root.output()).isZero();
        assertThat(root.output()).contains("Usage: proxima", "serve", "plugins", "bench", "./proxima test");
        for (String[] command : new String[][] {{"serve", "--help"}, {"plugins", "--help"}, {"bench", "--help"},
                {"bench", "jmh", "--help"}, {"bench", "group-commit", "--help"}, {"test", "--help"}}) {
            ProcessRunner.Result help = ProcessRunner.proxima(command);
            assertThat(help.exitCode()).as(String.join(" ", command) + ": " + help.output()).isZero();
            assertThat(help.output()).contains("Usage: proxima " + command[0]);
        }
    }

    /**
     * {@code bench ann} runs on a heap of fixed size, touched at start, so that its timed searches
     * do not fault on fresh pages of a growing heap; other commands keep the JVM's defaults, and
     * {@code PROXIMA_JAVA_OPTS} overrides it.
     */
    @Test
    void benchAnnRunsOnAFixedHeapAndOtherCommandsDoNot() throws Exception {
        Map<String, String> showHeap = Map.of("PROXIMA_JAVA_OPTS", "-XshowSettings:vm");
        // An unknown index fails before any data loads: only the JVM's start is paid for.
        ProcessRunner.Result ann = ProcessRunner.proxima(showHeap, "bench", "ann", "--index", "nope");
        assertThat(ann.output()).contains("unknown index 'nope'");
        assertThat(heapSize(ann.output(), "Min.")).as(ann.output()).isEqualTo(heapSize(ann.output(), "Max."));

        ProcessRunner.Result plugins = ProcessRunner.proxima(showHeap, "plugins");
        assertThat(plugins.output()).as("no heap size given").contains("Max. Heap Size (Estimated)")
                .doesNotContain("Min. Heap Size");

        ProcessRunner.Result smaller = ProcessRunner.proxima(Map.of("PROXIMA_JAVA_OPTS", "-XshowSettings:vm -Xms256m -Xmx512m"),
                "bench", "ann", "--index", "nope");
        assertThat(heapSize(smaller.output(), "Max.")).as(smaller.output()).isEqualTo("512.00M");
    }

    /** The figure after "Min. Heap Size:" or "Max. Heap Size:" in {@code -XshowSettings:vm}'s report. */
    private static String heapSize(String output, String which) {
        Matcher matcher = Pattern.compile(Pattern.quote(which) + " Heap Size: (\\S+)").matcher(output);
        assertThat(matcher.find()).as(which + " heap size in:\n" + output).isTrue();
        return matcher.group(1);
    }

    @Test
    void pluginsListsEverySpiWithItsPlugins() throws Exception {
        ProcessRunner.Result result = ProcessRunner.proxima("plugins");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("memtable (io.proximadb.spi.memtable.MemtableFactory)",
                "wal-codec (io.proximadb.spi.wal.WalCodec)", "filesystem (io.proximadb.spi.fs.FileSystemProvider)",
                "index (io.proximadb.spi.index.VectorIndexFactory)");
        for (String plugin : new String[] {"skiplist", "art", "btree", "hashmap", "bincode", "avro", "file", "memory", "flat"}) {
            assertThat(result.output()).containsPattern("(?m)^  " + plugin + " +\\S+ +\\S+ +available$");
        }
    }

    @Test
    void aBadFlagOrSettingFailsWithAMessageNotAStackTrace() throws Exception {
        ProcessRunner.Result result = ProcessRunner.proxima("plugins", "--set", "wal.fsync=sometimes");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("wal.fsync must be one of").doesNotContain("at io.proximadb");
    }
}
