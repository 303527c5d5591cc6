package io.proximadb.index.cluster;

import io.proximadb.index.common.HelperThreads;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a task over {@code 0..count-1} split into contiguous chunks, one per thread, the calling
 * thread taking the first. Threads are started per call: the calls of a build are few and long
 * (an assignment pass over many points), so a pool would save nothing worth its lifecycle.
 * A failure on any thread is rethrown on the caller once every thread has stopped.
 */
public final class ParallelRange {

    /** Work on one chunk: indexes {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Chunk {
        void run(int from, int to);
    }

    private ParallelRange() {
    }

    /**
     * Runs {@code chunk} over {@code 0..count-1} on at most {@code threads} threads, each taking at
     * least {@code minPerThread} indexes (fewer and a thread costs more than it saves).
     */
    public static void run(int count, int threads, int minPerThread, Chunk chunk) {
        int workers = (int) Math.max(1, Math.min(threads, count / Math.max(1L, minPerThread)));
        if (workers == 1) {
            chunk.run(0, count);
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] helpers = new Thread[workers - 1];
        for (int w = 1; w < workers; w++) {
            int from = (int) ((long) count * w / workers);
            int to = (int) ((long) count * (w + 1) / workers);
            helpers[w - 1] = Thread.ofPlatform().name("proxima-build-" + w).daemon().start(() -> {
                try {
                    chunk.run(from, to);
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        try {
            chunk.run(0, (int) ((long) count / workers));
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
        HelperThreads.joinAndRethrow(helpers, failure, "build interrupted", "parallel build step failed");
    }
}
