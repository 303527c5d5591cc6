package io.proximadb.bench.progress;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows that a long single call (an index build) is still running: a line on standard error with
 * the elapsed seconds, redrawn every second on a terminal and printed every ten seconds otherwise.
 * For work whose progress cannot be counted; {@link ProgressBar} is for work that can.
 */
public final class ElapsedTicker implements AutoCloseable {

    private final String label;
    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private final Thread thread;

    public ElapsedTicker(String label) {
        this.label = label;
        this.thread = Thread.ofPlatform().daemon().name("ticker-" + label).start(this::tick);
    }

    private void tick() {
        long seconds = 0;
        try {
            while (true) {
                if (terminal) {
                    out.print("\r" + line());
                    out.flush();
                } else if (seconds % 10 == 0) {
                    out.println(line());
                }
                Thread.sleep(1000);
                seconds++;
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private String line() {
        return String.format(Locale.ROOT, "%s ... elapsed %.0fs", label, elapsedSeconds());
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Stops ticking and prints the final elapsed time on its own line. */
    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.print((terminal ? "\r" : "") + String.format(Locale.ROOT, "%s done in %.1fs%n", label, elapsedSeconds()));
        out.flush();
    }
}
