package io.proximadb.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.record.Value;
import io.proximadb.spi.record.VectorRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MemtableRowsTest {

    /** One logged write: an upsert (with a vector naming its sequence) or a deletion. */
    private record Write(String id, long sequence, boolean delete) {
    }

    /**
     * Writes logged in sequence order but applied shuffled within small windows (as concurrent
     * writers apply them), split across memtables at freezes, must show at every sequence exactly
     * the newest version of each id, unless that version is a deletion.
     */
    @Property(tries = 300)
    void showsTheNewestVersionOfEachIdAtEverySequence(@ForAll long seed, @ForAll @IntRange(min = 1, max = 120) int writes,
                                                      @ForAll @IntRange(min = 1, max = 6) int ids,
                                                      @ForAll @IntRange(min = 1, max = 4) int window) {
        Random random = new Random(seed);
        List<Write> log = new ArrayList<>();
        for (int s = 1; s <= writes; s++) {
            log.add(new Write("id" + random.nextInt(ids), s, random.nextInt(4) == 0));
        }
        // Memtables, newest first; a freeze starts a new active one after some sequence.
        List<MemtableRows> newestFirst = new ArrayList<>();
        newestFirst.add(new MemtableRows());
        for (int from = 0; from < log.size(); from += window) {
            List<Write> batch = new ArrayList<>(log.subList(from, Math.min(log.size(), from + window)));
            Collections.shuffle(batch, random);
            for (Write write : batch) {
                apply(newestFirst, write);
            }
            if (random.nextInt(8) == 0) {
                newestFirst.addFirst(new MemtableRows()); // a freeze: every write so far is in older ones
            }
        }
        for (long at = 0; at <= writes + 1; at++) {
            assertThat(visible(newestFirst, at)).as("visible at %d", at).isEqualTo(expected(log, at));
        }
    }

    private static void apply(List<MemtableRows> newestFirst, Write write) {
        MemtableRows active = newestFirst.getFirst();
        if (write.delete()) {
            active.delete(write.id(), write.sequence());
        } else {
            active.upsert(record(write.id(), write.sequence()), write.sequence());
        }
        for (MemtableRows older : newestFirst.subList(1, newestFirst.size())) {
            older.supersede(write.id(), write.sequence());
        }
    }

    private static Map<String, Long> visible(List<MemtableRows> newestFirst, long at) {
        Map<String, Long> seen = new TreeMap<>();
        for (MemtableRows rows : newestFirst) {
            rows.forEachLive(at, 0, record -> {
                Long before = seen.put(record.id(), (long) record.vector()[0]);
                assertThat(before).as("%s met twice at %d", record.id(), at).isNull();
            });
        }
        return seen;
    }

    private static Map<String, Long> expected(List<Write> log, long at) {
        Map<String, Write> newest = new HashMap<>();
        for (Write write : log) {
            if (write.sequence() <= at) {
                newest.put(write.id(), write);
            }
        }
        Map<String, Long> live = new TreeMap<>();
        newest.forEach((id, write) -> {
            if (!write.delete()) {
                live.put(id, write.sequence());
            }
        });
        return live;
    }

    private static VectorRecord record(String id, long sequence) {
        return new VectorRecord(id, new float[] {sequence});
    }

    @Test
    void skipsExpiredRecords() {
        MemtableRows rows = new MemtableRows();
        rows.upsert(new VectorRecord("old", new float[] {1}, Value.Obj.EMPTY, 1_000), 1);
        rows.upsert(new VectorRecord("new", new float[] {2}, Value.Obj.EMPTY, 5_000), 2);
        rows.upsert(new VectorRecord("forever", new float[] {3}), 3);
        Set<String> live = new TreeSet<>();
        rows.forEachLive(3, 2_000, record -> live.add(record.id()));
        assertThat(live).containsExactly("forever", "new");
    }

    @Test
    void growsPastManyChunks() {
        MemtableRows rows = new MemtableRows();
        for (int i = 0; i < 5_000; i++) {
            rows.upsert(record("id" + (i % 3_000), i + 1), i + 1);
        }
        AtomicLong count = new AtomicLong();
        rows.forEachLive(5_000, 0, record -> count.incrementAndGet());
        assertThat(count).hasValue(3_000);
        assertThat(rows.size()).isEqualTo(5_000);
    }

    /** Readers scanning while a writer appends and replaces see, at a published sequence, exactly its state. */
    @Test
    void readersNeverSeeAnIdTwiceWhileAWriterAppends() throws Exception {
        MemtableRows rows = new MemtableRows();
        AtomicLong published = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(2);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                while (!done.get()) {
                    long at = published.get();
                    Set<String> seen = new java.util.HashSet<>();
                    rows.forEachLive(at, 0, record -> {
                        if (!seen.add(record.id()) || record.vector()[0] > at) {
                            failures.add(new AssertionError(record.id() + " at " + at));
                        }
                    });
                    if (at >= 100 && seen.size() != 100) {
                        failures.add(new AssertionError(seen.size() + " ids visible at " + at));
                    }
                }
            }));
        }
        started.await();
        for (long s = 1; s <= 20_000; s++) {
            rows.upsert(record("id" + (s % 100), s), s);
            published.set(s);
        }
        done.set(true);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
    }
}
