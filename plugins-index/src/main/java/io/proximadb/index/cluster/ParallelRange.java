package io.proximadb.index.cluster;

import java.util.concurrent.CancellationException;
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
        joinAll(helpers, failure);
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException e) {
            throw e;
        } else if (thrown instanceof Error e) {
            throw e;
        } else if (thrown != null) {
            throw new IllegalStateException("parallel build step failed", thrown);
        }
    }

    private static void joinAll(Thread[] threads, AtomicReference<Throwable> failure) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    // Wait anyway: the helpers write into arrays the caller is about to use or free.
                    interrupted = true;
                    failure.compareAndSet(null, new CancellationException("build interrupted"));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
