package io.proximadb.kernel.engine;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.ProximaException;
import io.proximadb.api.Records;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashRecoveryTest}: writes singles, batches and deletes from several
 * threads, announcing each write before it starts ({@code SEND}) and after it is acknowledged
 * ({@code ACK}), until it is killed. Arguments: data directory, WAL codec, fsync policy, run tag,
 * and {@code default} or {@code small-flushes} (memtables of 32 KiB, log files of 16 KiB, merges
 * of two segments: every storage step runs many times a second).
 */
public final class CrashWriter {

    static final String COLLECTION = "crash";
    static final int DIMENSION = 4;
    static final int THREADS = 4;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDirectory = Path.of(args[0]);
        String tag = args[3];
        ProximaConfig config = ProximaConfig.defaults().withDataDirectory(dataDirectory)
                .withDefaultWalCodec(args[1]).withWalFsync(args[2]);
        if (args[4].equals("small-flushes")) {
            config = smallFlushes(config);
        }
        ProximaDB db = ProximaDB.open(config);
        Collection collection;
        try {
            collection = db.createCollection(CollectionConfig.of(COLLECTION, DIMENSION, Metric.L2));
        } catch (ProximaException.CollectionExists e) {
            collection = db.collection(COLLECTION);
        }
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Collection target = collection;
            String prefix = tag + "-t" + t;
            threads.add(Thread.ofPlatform().start(() -> write(target, prefix, out)));
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static ProximaConfig smallFlushes(ProximaConfig config) {
        return config.with("storage.flush_bytes", 32 * 1024).with("wal.file_bytes", 16 * 1024)
                .with("compaction.min_merge", 2).with("compaction.max_merge", 4);
    }

    private static void write(Collection collection, String prefix, PrintStream out) {
        Random random = new Random(prefix.hashCode());
        List<String> acknowledgedSingles = new ArrayList<>();
        for (int n = 0; ; n++) {
            String id = prefix + "-" + n;
            if (n % 3 == 0) {
                int size = 2 + random.nextInt(4);
                List<VectorRecord> batch = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    batch.add(Records.of(id + "-" + i, vectorOf(id + "-" + i)));
                }
                say(out, "SEND-BATCH " + id + " " + size);
                collection.upsert(batch);
                say(out, "ACK-BATCH " + id + " " + size);
            } else if (n % 7 == 1 && !acknowledgedSingles.isEmpty()) {
                String victim = acknowledgedSingles.remove(random.nextInt(acknowledgedSingles.size()));
                say(out, "SEND-DEL " + victim);
                collection.delete(victim);
                say(out, "ACK-DEL " + victim);
            } else {
                say(out, "SEND " + id);
                collection.upsert(Records.of(id, vectorOf(id)));
                say(out, "ACK " + id);
                acknowledgedSingles.add(id);
            }
        }
    }

    private static void say(PrintStream out, String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    /** The vector a given id is always written with, so recovery can check contents, not just presence. */
    static float[] vectorOf(String id) {
        Random random = new Random(id.hashCode());
        float[] vector = new float[DIMENSION];
        for (int d = 0; d < DIMENSION; d++) {
            vector[d] = random.nextFloat();
        }
        return vector;
    }
}
