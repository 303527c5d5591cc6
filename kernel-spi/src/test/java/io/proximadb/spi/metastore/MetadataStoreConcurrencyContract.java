package io.proximadb.spi.metastore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The concurrent half of the metadata-store contract: read-modify-write with conditions loses no
 * update, exactly one of many racing creators wins, and readers see whole commits while writers
 * commit. Every task's failure is rethrown and every test has a timeout, so that a deadlock fails
 * the test instead of hanging the build.
 */
public abstract class MetadataStoreConcurrencyContract extends MetadataStoreFixture {

    private static final int THREADS = 4;

    @Test
    @Timeout(120)
    void conditionalIncrementsFromManyThreadsLoseNoUpdate() throws Exception {
        // Few counters and many increments: the race a missing commit lock opens can be a few
        // instructions wide on a store without I/O, and must still be hit.
        int counters = 1;
        int incrementsPerThread = 1_000;
        try (MetadataStore store = openFresh()) {
            List<MetadataMutation> zeros = new ArrayList<>();
            for (int c = 0; c < counters; c++) {
                zeros.add(put("counter/" + c, "0"));
            }
            store.commit(zeros);
            AtomicInteger conflicts = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(t);
                tasks.add(() -> {
                    for (int i = 0; i < incrementsPerThread; i++) {
                        String key = "counter/" + random.nextInt(counters);
                        while (true) {
                            String seen = store.get(key).orElseThrow();
                            String next = Long.toString(Long.parseLong(seen) + 1);
                            try {
                                store.commit(List.of(expect(key, seen), put(key, next)));
                                break;
                            } catch (MetadataConflictException conflict) {
                                assertThat(conflict.key()).isEqualTo(key);
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                    return null;
                });
            }
            runConcurrently(tasks);

            long total = store.scan("counter/").values().stream().mapToLong(Long::parseLong).sum();
            assertThat(total).isEqualTo((long) THREADS * incrementsPerThread);
            assertThat(store.revision()).isEqualTo(1 + (long) THREADS * incrementsPerThread);
        }
    }

    @Test
    @Timeout(120)
    void ofManyRacingCreatorsExactlyOneWins() throws Exception {
        try (MetadataStore store = openFresh()) {
            int rounds = 20;
            AtomicInteger wins = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String me = "thread-" + t;
                tasks.add(() -> {
                    for (int round = 0; round < rounds; round++) {
                        String key = "leader/" + round;
                        try {
                            store.commit(List.of(absent(key), put(key, me)));
                            wins.incrementAndGet();
                        } catch (MetadataConflictException conflict) {
                            assertThat(conflict.key()).isEqualTo(key);
                        }
                    }
                    return null;
                });
            }
            runConcurrently(tasks);

            assertThat(wins.get()).isEqualTo(rounds);
            assertThat(store.scan("leader/")).hasSize(rounds);
            assertThat(store.revision()).isEqualTo(rounds);
        }
    }

    @Test
    @Timeout(120)
    void readersSeeWholeCommitsWhileAWriterCommits() throws Exception {
        int width = 8;
        int commits = 150;
        try (MetadataStore store = openFresh()) {
            store.commit(generation(width, 0));
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicInteger checks = new AtomicInteger();
            List<Callable<Void>> tasks = new ArrayList<>();
            tasks.add(() -> {
                try {
                    for (int g = 1; g <= commits; g++) {
                        store.commit(generation(width, g));
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            for (int r = 0; r < THREADS - 1; r++) {
                tasks.add(() -> {
                    long lastGeneration = 0;
                    long lastRevision = 0;
                    boolean more;
                    do {
                        more = writing.get();
                        long generation = wholeGeneration(store.scan("whole/"), width);
                        assertThat(generation).as("generations go forward").isGreaterThanOrEqualTo(lastGeneration);
                        lastGeneration = generation;
                        long revision = store.revision();
                        assertThat(revision).as("revisions go forward").isGreaterThanOrEqualTo(lastRevision);
                        lastRevision = revision;
                        Optional<String> marker = store.get("whole/marker");
                        assertThat(marker).isPresent();
                        checks.incrementAndGet();
                    } while (more);
                    return null;
                });
            }
            runConcurrently(tasks);

            assertThat(wholeGeneration(store.scan("whole/"), width)).isEqualTo(commits);
            assertThat(store.revision()).isEqualTo(commits + 1);
            assertThat(checks.get()).isGreaterThanOrEqualTo(THREADS - 1);
        }
    }

    /**
     * One commit that sets every key of the set to {@code generation}, and moves an odd/even key,
     * so that a reader that saw half of it would find mixed values or a wrong key set.
     */
    private static List<MetadataMutation> generation(int width, long generation) {
        List<MetadataMutation> mutations = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            mutations.add(put("whole/" + i, Long.toString(generation)));
        }
        String odd = "whole/odd";
        String even = "whole/even";
        mutations.add(delete(generation % 2 == 0 ? odd : even));
        mutations.add(put(generation % 2 == 0 ? even : odd, Long.toString(generation)));
        mutations.add(put("whole/marker", "x"));
        return mutations;
    }

    /** The generation a scan shows, after checking that it shows exactly one. */
    private static long wholeGeneration(SortedMap<String, String> scan, int width) {
        String parity = scan.containsKey("whole/even") ? "whole/even" : "whole/odd";
        assertThat(scan).as("one of odd/even, never both or none").hasSize(width + 2);
        String generation = scan.get(parity);
        for (Map.Entry<String, String> entry : scan.entrySet()) {
            if (!entry.getKey().equals("whole/marker")) {
                assertThat(entry.getValue()).as("%s in a whole commit", entry.getKey()).isEqualTo(generation);
            }
        }
        long value = Long.parseLong(generation);
        assertThat(parity).isEqualTo(value % 2 == 0 ? "whole/even" : "whole/odd");
        return value;
    }

    /** Starts all tasks together and rethrows the first failure. */
    static void runConcurrently(List<Callable<Void>> tasks) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Void>> futures = new ArrayList<>();
            for (Callable<Void> task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Void> future : futures) {
                future.get(100, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
