package io.proximadb.bench.ingest;

import io.proximadb.api.Collection;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.config.ProximaConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The second half of the ingest benchmark, run in a fresh JVM so that its figures are those of a
 * restart: opens the database, answers one query (the vector of a record known to be stored, which
 * must come back first at distance 0), and prints one JSON line with the time from open to that
 * answer and the process's resident memory. Arguments: data directory, dimension, record count.
 */
public final class RestartProbe {

    private RestartProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        int dimension = Integer.parseInt(args[1]);
        long count = Long.parseLong(args[2]);
        long probe = count / 2;
        long start = System.nanoTime();
        try (ProximaDB db = ProximaDB.open(ProximaConfig.defaults().withDataDirectory(directory))) {
            Collection collection = db.collection(IngestBenchmark.COLLECTION);
            List<SearchHit> hits = collection.search(SearchRequest.of(IngestData.vector(probe, dimension), 10));
            double restartSeconds = (System.nanoTime() - start) / 1e9;
            if (hits.isEmpty() || !hits.getFirst().id().equals(IngestData.id(probe))) {
                throw new IllegalStateException("the query for " + IngestData.id(probe) + " returned "
                        + hits.stream().map(SearchHit::id).toList() + ": the stored data is wrong");
            }
            long live = collection.describe().liveRecords();
            int segments = collection.describe().storage().segments();
            System.out.println(String.format(Locale.ROOT,
                    "{\"restart_s\":%.3f,\"rss_mb\":%.1f,\"live_records\":%d,\"segments\":%d,\"top_hit\":\"%s\"}",
                    restartSeconds, residentMegabytes(), live, segments, hits.getFirst().id()));
        }
    }

    /** VmRSS from /proc (Linux); -1 elsewhere. */
    static double residentMegabytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }
}
