package io.proximadb.kernel.engine;

import io.proximadb.spi.index.QueryWorkload;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts one collection's searches as they run (k, filters, how much of each segment a filter
 * accepted, the rate), so that an index plugin building a new segment can plan for them
 * ({@link QueryWorkload}). Adders, not locks: searches record from many threads at once.
 */
final class WorkloadRecorder {

    private final Clock clock;
    private final LongAdder queries = new LongAdder();
    private final LongAdder kSum = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final DoubleAdder selectivitySum = new DoubleAdder();
    private final LongAdder selectivityCount = new LongAdder();
    /** When the first search was recorded, in clock millis; -1 before. */
    private final AtomicLong firstMillis = new AtomicLong(-1);

    WorkloadRecorder(Clock clock) {
        this.clock = clock;
    }

    void search(int k, boolean filter) {
        firstMillis.compareAndSet(-1, clock.millis());
        queries.increment();
        kSum.add(k);
        if (filter) {
            filtered.increment();
        }
    }

    /** A filtered search met a segment of {@code size} vectors and its filter accepted {@code accepted}. */
    void selectivity(int accepted, int size) {
        if (size > 0) {
            selectivitySum.add((double) accepted / size);
            selectivityCount.increment();
        }
    }

    QueryWorkload snapshot() {
        long count = queries.sum();
        if (count == 0) {
            return QueryWorkload.NONE;
        }
        long seconds = Math.max(1, (clock.millis() - firstMillis.get()) / 1000);
        long selectivities = selectivityCount.sum();
        return new QueryWorkload(count, (double) kSum.sum() / count, (double) filtered.sum() / count,
                selectivities == 0 ? Double.NaN : selectivitySum.sum() / selectivities, (double) count / seconds);
    }
}
