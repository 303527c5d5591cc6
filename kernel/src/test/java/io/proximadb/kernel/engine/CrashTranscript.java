package io.proximadb.kernel.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.storage.CrashPoints;
import io.proximadb.spi.record.VectorRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What {@link CrashWriter} children said across the rounds of a crash test, and the check that a
 * reopened database holds exactly what they were told was acknowledged: every acknowledged write
 * with its exact contents, no acknowledged delete, no partial batch, nothing never sent.
 */
final class CrashTranscript {

    private final Set<String> sent = new HashSet<>();
    private final Set<String> acknowledged = new HashSet<>();
    private final Set<String> deleteSent = new HashSet<>();
    private final Set<String> deleteAcknowledged = new HashSet<>();
    private final Map<String, Integer> batchSizes = new HashMap<>();
    private final Set<String> batchAcknowledged = new HashSet<>();

    /** How one child ended. */
    record Ending(int exitStatus, int acknowledgements) {
    }

    /**
     * Starts a child writer on {@code dataDirectory} and waits until {@code stop} ends it: a kill
     * after some time, or the child's own halt at a crash point. Reads what it said.
     */
    Ending run(Path dataDirectory, List<String> jvmOptions, List<String> arguments, ChildStop stop) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        // The child's output goes to a file, not a pipe: bytes written before the kill stay in the
        // page cache and are all read back, whereas a pipe drained during process exit can lose them.
        Path transcriptFile = Files.createTempFile(dataDirectory.getParent(), "child", ".out");
        List<String> command = new ArrayList<>(List.of(java, "--add-modules=jdk.incubator.vector", "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(),
                dataDirectory.toString()));
        command.addAll(arguments);
        Process child = new ProcessBuilder(command).redirectOutput(transcriptFile.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.readString(transcriptFile, StandardCharsets.UTF_8).startsWith("READY\n")) {
            if (!child.isAlive() && child.exitValue() == CrashPoints.EXIT_STATUS) {
                // Opening the database may start a merge of the segments a previous child left, and
                // the crash point may halt it there, before it says READY: it sent nothing to read.
                Files.delete(transcriptFile);
                return new Ending(child.exitValue(), 0);
            }
            assertThat(child.isAlive()).as("child is running").isTrue();
            assertThat(System.nanoTime()).as("child started in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        stop.stop(child);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();
        int acknowledgements = read(transcriptFile);
        Files.delete(transcriptFile);
        return new Ending(child.exitValue(), acknowledgements);
    }

    /** How a test ends a child. */
    @FunctionalInterface
    interface ChildStop {
        void stop(Process child) throws Exception;
    }

    private int read(Path file) throws IOException {
        String output = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = output.lines().skip(1).toList();
        if (!output.endsWith("\n")) {
            lines = lines.subList(0, lines.size() - 1); // a line the kill cut short
        }
        int acknowledgements = 0;
        for (String line : lines) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "SEND" -> sent.add(parts[1]);
                case "ACK" -> acknowledged.add(parts[1]);
                case "SEND-DEL" -> deleteSent.add(parts[1]);
                case "ACK-DEL" -> deleteAcknowledged.add(parts[1]);
                case "SEND-BATCH" -> batchSizes.put(parts[1], Integer.parseInt(parts[2]));
                case "ACK-BATCH" -> batchAcknowledged.add(parts[1]);
                default -> throw new AssertionError("unexpected line from the child: " + line);
            }
            acknowledgements += parts[0].startsWith("ACK") ? 1 : 0;
        }
        return acknowledgements;
    }

    int acknowledgedWrites() {
        return acknowledged.size() + batchAcknowledged.size() + deleteAcknowledged.size();
    }

    /** Reopens the database and checks it against everything said so far. */
    void verify(ProximaConfig config, String where) {
        try (EmbeddedDatabase db = EmbeddedDatabase.open(config)) {
            CollectionEngine collection = (CollectionEngine) db.collection(CrashWriter.COLLECTION);
            Map<String, VectorRecord> stored = new HashMap<>();
            collection.forEachLive(record -> assertThat(stored.put(record.id(), record))
                    .as("%s is stored once %s", record.id(), where).isNull());
            for (String id : acknowledged) {
                if (!deleteSent.contains(id)) {
                    assertThat(stored).as("acknowledged %s present %s", id, where).containsKey(id);
                    assertThat(collection.get(id)).as("get(%s) %s", id, where).isPresent();
                }
            }
            for (String id : deleteAcknowledged) {
                assertThat(stored).as("acknowledged delete of %s %s", id, where).doesNotContainKey(id);
                assertThat(collection.get(id)).as("get(%s) after its delete %s", id, where).isEmpty();
            }
            Set<String> batchIds = new HashSet<>();
            batchSizes.forEach((batch, size) -> {
                int present = 0;
                for (int i = 0; i < size; i++) {
                    batchIds.add(batch + "-" + i);
                    if (stored.containsKey(batch + "-" + i)) {
                        present++;
                    }
                }
                assertThat(present).as("batch %s is whole or absent %s", batch, where).isIn(0, size);
                if (batchAcknowledged.contains(batch)) {
                    assertThat(present).as("acknowledged batch %s present %s", batch, where).isEqualTo(size);
                }
            });
            for (String id : stored.keySet()) {
                assertThat(sent.contains(id) || batchIds.contains(id))
                        .as("%s was sent by the child (nothing appears from nowhere) %s", id, where).isTrue();
                assertThat(stored.get(id).vector()).as("contents of %s %s", id, where).isEqualTo(CrashWriter.vectorOf(id));
            }
        }
    }
}
