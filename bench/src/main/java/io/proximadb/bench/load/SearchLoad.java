package io.proximadb.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.proximadb.bench.ann.Recall;
import io.proximadb.bench.progress.ProgressBar;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The measured phase: {@code clients} connections, each sending one request at a time (closed
 * loop, no think time) for the warm-up and then the measured window. A request is a single-record
 * upsert with probability {@code writeRatio}, else a search of the next query vector (each client
 * starts at its own place in the query list and loops over it). An upsert rewrites a random base
 * record with its own vector, so the ground truth stays true while it runs. Latency is from handing
 * the request to the connection to having read the whole answer; recall@k is scored for every
 * successful search of the window.
 *
 * <p>Every client runs on one event loop thread of the tool's own, as load generators such as wrk
 * do: when the tool shares the machine with the server, a thread per client and the hops between
 * a blocking client's threads would take CPU from the server being measured.
 */
final class SearchLoad {

    /** What the window measured. */
    record Outcome(Samples samples, double recallSum, long scoredSearches, int errors) {
    }

    private static final int ERRORS_SHOWN = 5;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);

    private final LoadDataset data;
    private final List<byte[]> queryBodies;
    private final int k;
    private final double writeRatio;
    private final long measureFrom;
    private final long until;
    private final CountDownLatch finished;
    private final AtomicReference<Throwable> crashed = new AtomicReference<>();
    private final AtomicInteger errorsShown = new AtomicInteger();

    private SearchLoad(LoadDataset data, List<byte[]> queryBodies, int k, double writeRatio, long measureFrom,
                       long until, int clients) {
        this.data = data;
        this.queryBodies = queryBodies;
        this.k = k;
        this.writeRatio = writeRatio;
        this.measureFrom = measureFrom;
        this.until = until;
        this.finished = new CountDownLatch(clients);
    }

    /** One client's loop and counts; confined to the event loop until {@link #finished} is reached. */
    private final class Client {
        final AsyncRestClient rest;
        final SplittableRandom random;
        final Samples samples = new Samples();
        int query;
        double recallSum;
        long scored;
        int errors;

        Client(AsyncRestClient rest, SplittableRandom random, int firstQuery) {
            this.rest = rest;
            this.random = random;
            this.query = firstQuery;
        }

        /** Sends the next request, or ends the client once the window is over. */
        void next() {
            boolean upsert = writeRatio > 0 && random.nextDouble() < writeRatio;
            int id = upsert ? random.nextInt(data.base().length) : query;
            byte[] body = upsert ? JsonBodies.records(data.base(), id, id + 1) : queryBodies.get(query);
            long start = System.nanoTime();
            if (start >= until) {
                finished.countDown();
                return;
            }
            Future<RestClient.Reply> reply = upsert ? rest.upsert(body) : rest.search(body);
            int searched = query;
            reply.onComplete(result -> {
                try {
                    record(result, upsert, searched, start, System.nanoTime() - start);
                    if (!upsert) {
                        query = (query + 1) % queryBodies.size();
                    }
                    next();
                } catch (Throwable e) {
                    crashed.compareAndSet(null, e);
                    finished.countDown();
                }
            });
        }

        private void record(AsyncResult<RestClient.Reply> result, boolean upsert, int searched, long start,
                            long latency) {
            boolean ok = result.succeeded() && result.result().ok();
            if (!ok && errorsShown.getAndIncrement() < ERRORS_SHOWN) {
                System.err.println("load: " + (upsert ? "upsert" : "search") + " failed: " + (result.failed()
                        ? result.cause() : result.result().status() + " " + result.result().text()));
            }
            if (start < measureFrom) {
                return;
            }
            samples.add(start - measureFrom, latency, upsert ? Samples.Kind.UPSERT : Samples.Kind.SEARCH, ok);
            errors += ok ? 0 : 1;
            if (ok && !upsert) {
                recallSum += Recall.atK(ids(result.result()), data.gt()[searched], k);
                scored++;
            }
        }
    }

    static Outcome run(URI url, String apiKey, String http, int clients, String collection, LoadDataset data,
                       List<byte[]> queryBodies, int k, double writeRatio, Duration warmup, Duration duration,
                       long seed) throws Exception {
        Vertx vertx = Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1)).build();
        try {
            List<AsyncRestClient> connections = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                connections.add(new AsyncRestClient(vertx, url, apiKey, http, collection));
            }
            Future.all(connections.stream().map(AsyncRestClient::connect).toList()).toCompletionStage()
                    .toCompletableFuture().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            long origin = System.nanoTime();
            long measureFrom = origin + warmup.toNanos();
            long until = measureFrom + duration.toNanos();
            SearchLoad load = new SearchLoad(data, queryBodies, k, writeRatio, measureFrom, until, clients);
            List<Client> started = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Client client = load.new Client(connections.get(c), new SplittableRandom(seed * 31 + c),
                        (int) ((long) c * queryBodies.size() / clients));
                started.add(client);
                vertx.runOnContext(ignored -> client.next());
            }
            load.awaitWithProgress(origin, warmup, duration, clients);
            if (load.crashed.get() != null) {
                throw new IllegalStateException("a load client failed: " + load.crashed.get(), load.crashed.get());
            }
            Future.all(connections.stream().map(AsyncRestClient::close).toList()).toCompletionStage()
                    .toCompletableFuture().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            double recallSum = 0;
            long scored = 0;
            int errors = 0;
            for (Client client : started) {
                recallSum += client.recallSum;
                scored += client.scored;
                errors += client.errors;
            }
            return new Outcome(Samples.merge(started.stream().map(c -> c.samples).toList()), recallSum, scored, errors);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Shows a progress bar until every client has ended (the last answer after the window). */
    private void awaitWithProgress(long origin, Duration warmup, Duration duration, int clients)
            throws InterruptedException {
        long totalSeconds = Math.max(1, (long) Math.ceil((until - origin) / 1e9));
        try (ProgressBar progress = new ProgressBar(String.format(Locale.ROOT, "load, %d clients, %s warm-up + %s",
                clients, seconds(warmup), seconds(duration)), totalSeconds, "s")) {
            while (!finished.await(Math.max(1, Math.min(1000, (until - System.nanoTime()) / 1_000_000)),
                    TimeUnit.MILLISECONDS)) {
                long elapsed = Math.min(totalSeconds, (System.nanoTime() - origin) / 1_000_000_000L);
                progress.advance(elapsed - progress.done());
            }
            progress.advance(totalSeconds - progress.done());
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
