package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.storage.CrashPoints;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash at each step of flush, merge, manifest replacement and log truncation: a child writes
 * with tiny memtables until it reaches the named step and halts there (as {@code kill -9} would);
 * the database is reopened and must hold exactly what was acknowledged. Twice per step, the second
 * time on top of the first recovery's state. See {@link CrashPoints}.
 */
class CrashPointTest {

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "crash at {0}")
    @ValueSource(strings = {"flush.segment-half-written", "flush.segment-written", "manifest.temp-written",
            "manifest.renamed", "flush.manifest-written", "wal.truncating", "merge.segment-half-written",
            "merge.segment-written", "merge.installed", "merge.manifest-written"})
    void recoveryHoldsExactlyWhatWasAcknowledged(String point) throws Exception {
        Path dataDirectory = scratch.resolve("data");
        ProximaConfig config = CrashWriter.smallFlushes(ProximaConfig.defaults().withDataDirectory(dataDirectory));
        CrashTranscript transcript = new CrashTranscript();
        for (int round = 0; round < 2; round++) {
            CrashTranscript.Ending ending = transcript.run(dataDirectory, List.of("-Dproximadb.test.crash-point=" + point),
                    List.of("bincode", "group", "r" + round, "small-flushes"),
                    child -> {
                        if (!child.waitFor(45, TimeUnit.SECONDS)) {
                            child.destroyForcibly(); // never reached the point: the assertion below says so
                        }
                    });
            assertThat(ending.exitStatus()).as("the child halted at %s", point).isEqualTo(CrashPoints.EXIT_STATUS);
            transcript.verify(config, "after a crash at " + point + ", round " + (round + 1));
        }
    }
}
