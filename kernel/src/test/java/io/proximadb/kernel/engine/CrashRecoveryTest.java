package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.VectorRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Durability under {@code kill -9}: a child JVM writes concurrently (singles, batches, deletes)
 * and prints each acknowledgement; we kill it with SIGKILL at a random moment, reopen the same
 * data directory, and check that every acknowledged write is there with its exact contents, that
 * no batch is partial, and that nothing appears that was never sent. The data directory carries
 * over from kill to kill, so later rounds also recover logs that earlier recoveries cut.
 *
 * <p>Kills per configuration: {@code PROXIMA_CRASH_KILLS} (default 6, so 24 in the suite; the long
 * mode sets 50 for 200).
 */
class CrashRecoveryTest {

    private static final int KILLS = Integer.parseInt(System.getenv().getOrDefault("PROXIMA_CRASH_KILLS", "6"));

    @TempDir
    Path dataDirectory;

    /** What the child said, by kind. */
    private static final class Transcript {
        final Set<String> sent = new HashSet<>();
        final Set<String> acknowledged = new HashSet<>();
        final Set<String> deleteSent = new HashSet<>();
        final Set<String> deleteAcknowledged = new HashSet<>();
        final Map<String, Integer> batchSizes = new HashMap<>();
        final Set<String> batchAcknowledged = new HashSet<>();
    }

    @ParameterizedTest(name = "{0} codec, fsync {1}")
    @CsvSource({"bincode, always", "bincode, group", "avro, always", "avro, group"})
    void everyAcknowledgedWriteSurvivesSigkill(String codec, String fsync) throws Exception {
        Random random = new Random(codec.hashCode() * 31L + fsync.hashCode());
        Transcript transcript = new Transcript();
        for (int round = 0; round < KILLS; round++) {
            runAndKill(codec, fsync, "r" + round, 150 + random.nextInt(700), transcript);
            verify(transcript, codec, fsync, round);
        }
        System.out.printf("crash test %s/%s: survived %d kills, %d acknowledged writes checked%n",
                codec, fsync, KILLS, transcript.acknowledged.size() + transcript.batchAcknowledged.size());
    }

    private void runAndKill(String codec, String fsync, String tag, int millis, Transcript transcript) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The child's output goes to a file, not a pipe: bytes written before the kill stay in the
        // page cache and are all read back, whereas a pipe drained during process exit can lose them.
        Path transcriptFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + "-" + tag + ".out");
        Process child = new ProcessBuilder(java, "--add-modules=jdk.incubator.vector", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dataDirectory.toString(), codec, fsync, tag)
                .redirectOutput(transcriptFile.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(transcriptFile, StandardCharsets.UTF_8).startsWith("READY\n")) {
            assertThat(child.isAlive()).as("child is running").isTrue();
            assertThat(System.nanoTime()).as("child started in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        Thread.sleep(millis);
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no flushing
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(transcriptFile, StandardCharsets.UTF_8);
        Files.delete(transcriptFile);
        List<String> lines = output.lines().skip(1).toList();
        if (!output.endsWith("\n")) {
            lines = lines.subList(0, lines.size() - 1); // a line the kill cut short
        }
        for (String line : lines) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "SEND" -> transcript.sent.add(parts[1]);
                case "ACK" -> transcript.acknowledged.add(parts[1]);
                case "SEND-DEL" -> transcript.deleteSent.add(parts[1]);
                case "ACK-DEL" -> transcript.deleteAcknowledged.add(parts[1]);
                case "SEND-BATCH" -> transcript.batchSizes.put(parts[1], Integer.parseInt(parts[2]));
                case "ACK-BATCH" -> transcript.batchAcknowledged.add(parts[1]);
                default -> throw new AssertionError("unexpected line from the child: " + line);
            }
        }
    }

    private void verify(Transcript transcript, String codec, String fsync, int round) {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(ProximaConfig.defaults().withDataDirectory(dataDirectory)
                .withDefaultWalCodec(codec).withWalFsync(fsync))) {
            CollectionEngine collection = (CollectionEngine) db.collection(CrashWriter.COLLECTION);
            Map<String, VectorRecord> stored = new HashMap<>();
            collection.forEachLive(record -> stored.put(record.id(), record));
            String where = "after kill " + (round + 1) + " (" + codec + ", " + fsync + ")";

            for (String id : transcript.acknowledged) {
                if (!transcript.deleteSent.contains(id)) {
                    assertThat(stored).as("acknowledged %s present %s", id, where).containsKey(id);
                    assertThat(stored.get(id).vector()).as("contents of %s", id).isEqualTo(CrashWriter.vectorOf(id));
                }
            }
            for (String id : transcript.deleteAcknowledged) {
                assertThat(stored).as("acknowledged delete of %s %s", id, where).doesNotContainKey(id);
            }
            Set<String> batchIds = new HashSet<>();
            transcript.batchSizes.forEach((batch, size) -> {
                int present = 0;
                for (int i = 0; i < size; i++) {
                    batchIds.add(batch + "-" + i);
                    if (stored.containsKey(batch + "-" + i)) {
                        present++;
                    }
                }
                assertThat(present).as("batch %s is whole or absent %s", batch, where).isIn(0, size);
                if (transcript.batchAcknowledged.contains(batch)) {
                    assertThat(present).as("acknowledged batch %s present %s", batch, where).isEqualTo(size);
                }
            });
            for (String id : stored.keySet()) {
                assertThat(transcript.sent.contains(id) || batchIds.contains(id))
                        .as("%s was sent by the child (nothing appears from nowhere) %s", id, where).isTrue();
                assertThat(stored.get(id).vector()).isEqualTo(CrashWriter.vectorOf(id));
            }
        }
    }
}
