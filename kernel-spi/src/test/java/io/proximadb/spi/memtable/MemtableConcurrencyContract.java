package io.proximadb.spi.memtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The concurrent half of the memtable contract: writers racing on shared ids lose nothing, and
 * readers at a published sequence see exactly the writes up to it while writers go on. Extended
 * by {@link MemtableContractTest}; plugins extend that.
 *
 * <p>Every task's failure is rethrown from its {@link Future}, and every test has a timeout, so a
 * deadlock fails the test instead of the build.
 */
public abstract class MemtableConcurrencyContract {

    private static final int THREADS = 4;

    protected abstract MemtableFactory factory();

    @Test
    @Timeout(60)
    void concurrentWritersLoseNoVersion() throws Exception {
        Memtable memtable = factory().create();
        int perThread = 3_000;
        // Sequences interleave across threads, so each thread's puts arrive out of global order.
        List<List<MemtableEntry>> work = new ArrayList<>();
        MemtableModel model = new MemtableModel();
        for (int t = 0; t < THREADS; t++) {
            List<MemtableEntry> entries = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                long sequence = (long) i * THREADS + t + 1;
                String id = i % 3 == 0 ? "shared-" + (i % 40) : "t" + t + "-" + i;
                MemtableEntry entry = i % 7 == 0
                        ? MemtableEntry.tombstone(sequence, id)
                        : MemtableFixtures.upsert(id, sequence);
                entries.add(entry);
                model.put(entry);
            }
            work.add(entries);
        }
        runConcurrently(work.stream().<Runnable>map(entries -> () -> entries.forEach(memtable::put)).toList());

        for (List<MemtableEntry> entries : work) {
            for (MemtableEntry entry : entries) {
                assertThat(memtable.get(entry.id(), entry.sequence())).isSameAs(entry);
            }
        }
        assertThat(memtable.idCount()).isEqualTo(model.idCount());
        assertThat(drain(memtable, model.maxSequence())).containsExactlyElementsOf(model.scan(model.maxSequence()));
    }

    @Test
    @Timeout(60)
    void scansAtAPublishedSequenceAreStableWhileWritersWrite() throws Exception {
        Memtable memtable = factory().create();
        MemtableModel model = new MemtableModel();
        long published = 2_000;
        for (long sequence = 1; sequence <= published; sequence++) {
            MemtableEntry entry = MemtableFixtures.upsert("k" + (sequence * 7 % 700), sequence);
            memtable.put(entry);
            model.put(entry);
        }
        List<MemtableEntry> expected = model.scan(published);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong scans = new AtomicLong();
        List<Runnable> tasks = new ArrayList<>();
        int writers = 2;
        CountDownLatch writersDone = new CountDownLatch(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(() -> {
                try {
                    Random random = new Random(writer);
                    for (int i = 0; i < 4_000; i++) {
                        long sequence = published + 1 + (long) i * writers + writer;
                        // New ids land between the published ones; old ids get newer versions.
                        String id = random.nextBoolean() ? "k" + random.nextInt(700) : "k" + random.nextInt(700) + "x" + i;
                        memtable.put(random.nextInt(5) == 0
                                ? MemtableEntry.tombstone(sequence, id)
                                : MemtableFixtures.upsert(id, sequence));
                    }
                } finally {
                    writersDone.countDown();
                    if (writersDone.getCount() == 0) {
                        writing.set(false);
                    }
                }
            });
        }
        for (int r = 0; r < 2; r++) {
            int reader = r;
            tasks.add(() -> {
                Random random = new Random(100 + reader);
                do {
                    assertThat(drain(memtable, published)).containsExactlyElementsOf(expected);
                    String id = "k" + random.nextInt(700);
                    assertThat(memtable.get(id, published)).isSameAs(model.get(id, published));
                    scans.incrementAndGet();
                } while (writing.get());
            });
        }
        runConcurrently(tasks);
        assertThat(scans.get()).isGreaterThanOrEqualTo(2);
        assertThat(drain(memtable, published)).containsExactlyElementsOf(expected);
    }

    @Test
    @Timeout(60)
    void readersAtAMovingPublishedSequenceSeeExactlyThePublishedWrites() throws Exception {
        Memtable memtable = factory().create();
        MemtableModel model = new MemtableModel();
        List<MemtableEntry> entries = new ArrayList<>();
        for (long sequence = 1; sequence <= 6_000; sequence++) {
            String id = "m" + (sequence * 7_919 % 500);
            MemtableEntry entry = sequence % 5 == 0
                    ? MemtableEntry.tombstone(sequence, id)
                    : MemtableFixtures.upsert(id, sequence);
            entries.add(entry);
            model.put(entry);
        }
        // The writer publishes a sequence only after its put returned, as the engine does.
        AtomicLong published = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        AtomicBoolean writerDone = new AtomicBoolean();
        List<Runnable> tasks = new ArrayList<>();
        tasks.add(() -> {
            try {
                for (MemtableEntry entry : entries) {
                    memtable.put(entry);
                    published.set(entry.sequence());
                }
            } finally {
                writerDone.set(true);
            }
        });
        for (int r = 0; r < 2; r++) {
            tasks.add(() -> {
                boolean last;
                do {
                    last = writerDone.get();
                    long seen = published.get();
                    assertThat(drain(memtable, seen)).containsExactlyElementsOf(model.scan(seen));
                    checks.incrementAndGet();
                } while (!last);
            });
        }
        runConcurrently(tasks);
        assertThat(checks.get()).isGreaterThanOrEqualTo(2);
    }

    /** Collects a scan into a list. */
    protected static List<MemtableEntry> drain(Memtable memtable, long atSequence) {
        List<MemtableEntry> entries = new ArrayList<>();
        memtable.scan(atSequence).forEachRemaining(entries::add);
        return entries;
    }

    /** Starts all tasks together and rethrows the first failure. */
    private static void runConcurrently(List<Runnable> tasks) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (Runnable task : tasks) {
                futures.add(executor.submit(() -> {
                    start.await();
                    task.run();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(50, TimeUnit.SECONDS);
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
