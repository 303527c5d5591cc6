package io.proximadb.bench.load;

import io.proximadb.bench.progress.ProgressBar;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bulk ingest over REST: {@code senders} threads, each with its own connection, take the next batch
 * body from a shared counter and {@code PUT} it, one request at a time each. The bodies are encoded
 * before the clock starts, so the figure is the server's pace, not the client's JSON encoder's.
 */
final class RestIngest {

    private RestIngest() {
    }

    /** @return the seconds from the first request to the last answer */
    static double ingest(List<RestClient> senders, String collection, List<byte[]> bodies, int[] counts,
                         ProgressBar progress) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(senders.size());
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (RestClient sender : senders) {
                done.add(threads.submit(() -> {
                    for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                        RestClient.expect(sender.upsert(collection, bodies.get(b)), "PUT batch " + b);
                        progress.advance(counts[b]);
                    }
                    return null;
                }));
            }
            for (Future<?> sender : done) {
                sender.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            threads.shutdownNow();
        }
    }
}
