package io.proximadb.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
