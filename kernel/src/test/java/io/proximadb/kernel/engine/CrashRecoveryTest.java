package io.proximadb.kernel.engine;

import io.proximadb.kernel.config.ProximaConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Durability under {@code kill -9}: a child JVM writes concurrently (singles, batches, deletes)
 * and prints each acknowledgement; we kill it with SIGKILL at a random moment, reopen the same
 * data directory, and check that every acknowledged write is there with its exact contents, that
 * no batch is partial, and that nothing appears that was never sent. The data directory carries
 * over from kill to kill, so later rounds also recover logs that earlier recoveries cut. Odd rounds
 * flush every few hundred records, so kills also land in flushes, merges and log truncations.
 *
 * <p>Kills per configuration: {@code PROXIMA_CRASH_KILLS} (default 6, so 24 in the suite; the long
 * mode sets 50 for 200).
 */
class CrashRecoveryTest {

    private static final int KILLS = Integer.parseInt(System.getenv().getOrDefault("PROXIMA_CRASH_KILLS", "6"));

    @TempDir
    Path scratch;

    @ParameterizedTest(name = "{0} codec, fsync {1}")
    @CsvSource({"bincode, always", "bincode, group", "avro, always", "avro, group"})
    void everyAcknowledgedWriteSurvivesSigkill(String codec, String fsync) throws Exception {
        Path dataDirectory = scratch.resolve("data");
        Random random = new Random(codec.hashCode() * 31L + fsync.hashCode());
        CrashTranscript transcript = new CrashTranscript();
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(dataDirectory)
                .withDefaultWalCodec(codec).withWalFsync(fsync);
        for (int round = 0; round < KILLS; round++) {
            int millis = 150 + random.nextInt(700);
            transcript.run(dataDirectory, List.of(), List.of(codec, fsync, "r" + round, round % 2 == 0 ? "default" : "small-flushes"), child -> {
                Thread.sleep(millis);
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
            });
            transcript.verify(config, "after kill " + (round + 1) + " (" + codec + ", " + fsync + ")");
        }
        System.out.printf("crash test %s/%s: survived %d kills, %d acknowledged writes checked%n",
                codec, fsync, KILLS, transcript.acknowledgedWrites());
    }
}
