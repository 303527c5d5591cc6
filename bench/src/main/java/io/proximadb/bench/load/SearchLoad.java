package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.bench.ann.Recall;
import io.proximadb.bench.progress.ProgressBar;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measured phase: {@code clients} threads, each with its own connection, send one request at a
 * time (closed loop, no think time) for the warm-up and then the measured window. A request is a
 * single-record upsert with probability {@code writeRatio}, else a search of the next query vector
 * (each client starts at its own place in the query list and loops over it). An upsert rewrites a
 * random base record with its own vector, so the ground truth stays true while it runs. Latency is
 * the wall time of the blocking call, sending the body to having read the answer; recall@k is
 * scored for every successful search of the window.
 */
final class SearchLoad {

    /** What the window measured. */
    record Outcome(Samples samples, double recallSum, long scoredSearches, int errors) {
    }

    /** What one client does and counts; confined to its thread until it is joined. */
    private static final class Client {
        final Samples samples = new Samples();
        double recallSum;
        long scored;
        int errors;
    }

    private static final int ERRORS_SHOWN = 5;

    private final String collection;
    private final LoadDataset data;
    private final List<byte[]> queryBodies;
    private final int k;
    private final double writeRatio;
    private final AtomicInteger errorsShown = new AtomicInteger();

    private SearchLoad(String collection, LoadDataset data, List<byte[]> queryBodies, int k, double writeRatio) {
        this.collection = collection;
        this.data = data;
        this.queryBodies = queryBodies;
        this.k = k;
        this.writeRatio = writeRatio;
    }

    static Outcome run(List<RestClient> rests, String collection, LoadDataset data, List<byte[]> queryBodies,
                       int k, double writeRatio, Duration warmup, Duration duration, long seed) throws Exception {
        SearchLoad load = new SearchLoad(collection, data, queryBodies, k, writeRatio);
        long origin = System.nanoTime();
        long measureFrom = origin + warmup.toNanos();
        long until = measureFrom + duration.toNanos();
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        List<Client> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < rests.size(); c++) {
            Client client = new Client();
            clients.add(client);
            RestClient rest = rests.get(c);
            SplittableRandom random = new SplittableRandom(seed * 31 + c);
            int firstQuery = (int) ((long) c * queryBodies.size() / rests.size());
            threads.add(Thread.ofPlatform().name("load-client-" + c).start(() -> {
                try {
                    load.loop(rest, client, random, firstQuery, measureFrom, until);
                } catch (Throwable e) {
                    crashed.compareAndSet(null, e);
                }
            }));
        }
        long totalSeconds = Math.max(1, (long) Math.ceil((until - origin) / 1e9));
        try (ProgressBar progress = new ProgressBar(String.format(Locale.ROOT, "load, %d clients, %s warm-up + %s",
                rests.size(), seconds(warmup), seconds(duration)), totalSeconds, "s")) {
            for (long now = System.nanoTime(); now < until && crashed.get() == null; now = System.nanoTime()) {
                Thread.sleep(Math.max(1, Math.min(1000, (until - now) / 1_000_000)));
                long elapsed = Math.min(totalSeconds, (System.nanoTime() - origin) / 1_000_000_000L);
                progress.advance(elapsed - progress.done());
            }
            progress.advance(totalSeconds - progress.done());
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (crashed.get() != null) {
            throw new IllegalStateException("a load client failed: " + crashed.get(), crashed.get());
        }
        double recallSum = 0;
        long scored = 0;
        int errors = 0;
        for (Client client : clients) {
            recallSum += client.recallSum;
            scored += client.scored;
            errors += client.errors;
        }
        return new Outcome(Samples.merge(clients.stream().map(c -> c.samples).toList()), recallSum, scored, errors);
    }

    private void loop(RestClient rest, Client client, SplittableRandom random, int firstQuery, long measureFrom,
                      long until) throws InterruptedException {
        int query = firstQuery;
        while (true) {
            boolean upsert = writeRatio > 0 && random.nextDouble() < writeRatio;
            int id = upsert ? random.nextInt(data.base().length) : query;
            byte[] body = upsert ? JsonBodies.records(data.base(), id, id + 1) : queryBodies.get(query);
            long start = System.nanoTime();
            if (start >= until) {
                return;
            }
            RestClient.Reply reply = null;
            IOException failure = null;
            try {
                reply = upsert ? rest.upsert(collection, body) : rest.search(collection, body);
            } catch (IOException e) {
                failure = e;
            }
            long latency = System.nanoTime() - start;
            boolean ok = failure == null && reply.ok();
            boolean measured = start >= measureFrom;
            if (!ok && errorsShown.getAndIncrement() < ERRORS_SHOWN) {
                System.err.println("load: " + (upsert ? "upsert" : "search") + " failed: "
                        + (failure != null ? failure : reply.status() + " " + reply.text()));
            }
            if (measured) {
                client.samples.add(start - measureFrom, latency, upsert ? Samples.Kind.UPSERT : Samples.Kind.SEARCH, ok);
                client.errors += ok ? 0 : 1;
                if (ok && !upsert) {
                    client.recallSum += Recall.atK(ids(reply), data.gt()[query], k);
                    client.scored++;
                }
            }
            if (!upsert) {
                query = (query + 1) % queryBodies.size();
            }
        }
    }

    private static String seconds(Duration duration) {
        double seconds = duration.toNanos() / 1e9;
        return seconds == Math.rint(seconds) ? (long) seconds + "s" : String.format(Locale.ROOT, "%.1fs", seconds);
    }

    /** The ids of a search answer as base ordinals, best first. */
    static int[] ids(RestClient.Reply reply) {
        try {
            JsonNode results = reply.json().path("results");
            int[] ids = new int[results.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = Integer.parseInt(results.get(i).path("id").asText());
            }
            return ids;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("unreadable search answer: " + reply.text(), e);
        }
    }
}
