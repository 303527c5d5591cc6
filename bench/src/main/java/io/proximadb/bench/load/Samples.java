package io.proximadb.bench.load;

import io.proximadb.bench.plot.LinePlot;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongPredicate;

/**
 * Every measured request of the load: when it started (nanoseconds after the measured window
 * opened), how long it took, what it was and whether it succeeded. Each client appends to its own
 * instance (not thread-safe); {@link #merge} joins them, ordered by start, once the clients stop.
 */
final class Samples {

    /** What a request was. */
    enum Kind { SEARCH, UPSERT }

    private long[] starts = new long[1 << 12];
    private long[] latencies = new long[1 << 12];
    private byte[] kinds = new byte[1 << 12];
    private boolean[] failed = new boolean[1 << 12];
    private int size;

    void add(long startNanos, long latencyNanos, Kind kind, boolean ok) {
        if (size == starts.length) {
            int capacity = size * 2;
            starts = Arrays.copyOf(starts, capacity);
            latencies = Arrays.copyOf(latencies, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            failed = Arrays.copyOf(failed, capacity);
        }
        starts[size] = startNanos;
        latencies[size] = latencyNanos;
        kinds[size] = (byte) kind.ordinal();
        failed[size] = !ok;
        size++;
    }

    int size() {
        return size;
    }

    /** All samples of {@code parts}, ordered by start time. */
    static Samples merge(List<Samples> parts) {
        Samples all = new Samples();
        for (Samples part : parts) {
            for (int i = 0; i < part.size; i++) {
                all.add(part.starts[i], part.latencies[i], Kind.values()[part.kinds[i]], !part.failed[i]);
            }
        }
        Integer[] order = new Integer[all.size];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(all.starts[a], all.starts[b]));
        Samples sorted = new Samples();
        for (int i : order) {
            sorted.add(all.starts[i], all.latencies[i], Kind.values()[all.kinds[i]], !all.failed[i]);
        }
        return sorted;
    }

    /** The latencies of the successful requests of one kind. */
    long[] latencies(Kind kind) {
        return select(kind, start -> true);
    }

    /** Failed requests of any kind. */
    int failures() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += failed[i] ? 1 : 0;
        }
        return count;
    }

    private long[] select(Kind kind, LongPredicate startsWhen) {
        long[] selected = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (kinds[i] == kind.ordinal() && !failed[i] && startsWhen.test(starts[i])) {
                selected[n++] = latencies[i];
            }
        }
        return Arrays.copyOf(selected, n);
    }

    /**
     * The {@code fraction} percentile (nearest rank) of each whole second of the window, for the
     * requests of {@code kind} that started in it, plotted at the second's end; seconds without such
     * a request are left out.
     */
    LinePlot.Series perSecond(String name, Kind kind, double fraction, double windowSeconds) {
        int seconds = (int) Math.ceil(windowSeconds);
        double[] x = new double[seconds];
        double[] y = new double[seconds];
        int n = 0;
        for (int s = 0; s < seconds; s++) {
            long from = s * 1_000_000_000L;
            long to = from + 1_000_000_000L;
            long[] second = select(kind, start -> start >= from && start < to);
            if (second.length > 0) {
                long[] sorted = second.clone();
                Arrays.sort(sorted);
                x[n] = s + 1;
                y[n] = Percentiles.nearestRank(sorted, fraction) / 1e6;
                n++;
            }
        }
        return new LinePlot.Series(name, Arrays.copyOf(x, n), Arrays.copyOf(y, n));
    }

    /** {@code start_s,kind,latency_ms,ok}, one row per request. */
    void writeCsv(Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file)) {
            out.write("start_s,kind,latency_ms,ok\n");
            for (int i = 0; i < size; i++) {
                out.write(String.format(Locale.ROOT, "%.6f,%s,%.4f,%b%n", starts[i] / 1e9,
                        Kind.values()[kinds[i]].name().toLowerCase(Locale.ROOT), latencies[i] / 1e6, !failed[i]));
            }
        }
    }
}
