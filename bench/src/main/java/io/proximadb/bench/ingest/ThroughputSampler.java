package io.proximadb.bench.ingest;

import io.proximadb.bench.plot.LinePlot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/** Samples a running count twice a second, for a throughput-over-time plot. */
final class ThroughputSampler implements AutoCloseable {

    private static final long INTERVAL_MILLIS = 500;

    private final List<double[]> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    ThroughputSampler(LongSupplier count) {
        long start = System.nanoTime();
        samples.add(new double[] {0, 0});
        thread = Thread.ofPlatform().daemon().name("throughput-sampler").start(() -> {
            while (running) {
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                synchronized (samples) {
                    samples.add(new double[] {(System.nanoTime() - start) / 1e9, count.getAsLong()});
                }
            }
        });
    }

    /** The rate between consecutive samples, at the end of each interval. */
    LinePlot.Series series(String name) {
        synchronized (samples) {
            int n = samples.size() - 1;
            double[] x = new double[Math.max(n, 0)];
            double[] y = new double[Math.max(n, 0)];
            for (int i = 1; i <= n; i++) {
                double[] previous = samples.get(i - 1);
                double[] current = samples.get(i);
                x[i - 1] = current[0];
                y[i - 1] = (current[1] - previous[1]) / Math.max(1e-9, current[0] - previous[0]);
            }
            return new LinePlot.Series(name, x, y);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
