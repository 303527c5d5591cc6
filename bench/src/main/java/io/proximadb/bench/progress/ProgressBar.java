package io.proximadb.bench.progress;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on standard error, so that standard output keeps only results (a benchmark's last
 * line is its JSON). On a terminal it redraws one line about ten times a second; when standard
 * error is a file or a pipe it prints a line every tenth of the way, so logs stay readable.
 * Thread-safe: workers call {@link #advance} from any thread.
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final String label;
    private final String unit;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private long lastDrawNanos;
    private int lastTenth = -1;

    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null);
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean terminal) {
        this.label = label;
        this.total = Math.max(1, total);
        this.unit = unit;
        this.out = out;
        this.terminal = terminal;
        draw(0, true);
    }

    /** Records {@code amount} more units done. */
    public void advance(long amount) {
        long now = done.addAndGet(amount);
        draw(now, false);
    }

    /** Units done so far. */
    public long done() {
        return done.get();
    }

    private synchronized void draw(long now, boolean force) {
        long nanos = System.nanoTime();
        int tenth = (int) Math.min(10, now * 10 / total);
        if (terminal) {
            if (!force && nanos - lastDrawNanos < TimeUnit.MILLISECONDS.toNanos(100) && now < total) {
                return;
            }
            out.print("\r" + line(now, nanos));
        } else {
            if (!force && tenth == lastTenth) {
                return;
            }
            out.println(line(now, nanos));
        }
        out.flush();
        lastDrawNanos = nanos;
        lastTenth = tenth;
    }

    String line(long now, long nanos) {
        double fraction = Math.min(1.0, (double) now / total);
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-9, (nanos - startNanos) / 1e9);
        double rate = now / seconds;
        String eta = rate > 0 && now < total ? formatSeconds((total - now) / rate) : "--";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d %s  %,.0f %s/s  elapsed %s  eta %s",
                label, "#".repeat(filled), "-".repeat(WIDTH - filled), fraction * 100, now, total, unit, rate, unit,
                formatSeconds(seconds), eta);
    }

    private static String formatSeconds(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? (s / 60) + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s" : s + "s";
    }

    /** Draws the final state and ends the line. */
    @Override
    public synchronized void close() {
        if (terminal) {
            out.print("\r" + line(done.get(), System.nanoTime()) + System.lineSeparator());
        } else if (lastTenth < 10) {
            out.println(line(done.get(), System.nanoTime()));
        }
        out.flush();
    }
}
