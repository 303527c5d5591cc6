package io.proximadb.index.common;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The end of a parallel build step: wait for every helper thread, then rethrow on the caller the
 * first failure any thread recorded. Shared by {@code cluster.ParallelRange} (contiguous chunks)
 * and {@code hnsw.HnswBuilder} (nodes handed out one at a time), which split their work
 * differently but had each written this same join-and-rethrow.
 */
public final class HelperThreads {

    private HelperThreads() {
    }

    /**
     * Joins {@code helpers}, then rethrows {@code failure}'s throwable, if any: a runtime exception
     * or error as it is, a checked one wrapped in an {@link IllegalStateException}.
     *
     * <p>An interrupt of the caller does not stop the wait: the helpers write into memory the
     * caller is about to use or free. It is recorded as a {@link CancellationException} (so that
     * helpers which watch {@code failure} stop early) and the interrupt flag is set again.
     *
     * @param interrupted the message of the cancellation recorded when the caller is interrupted
     * @param failed the message of the wrapper around a checked failure
     */
    public static void joinAndRethrow(Thread[] helpers, AtomicReference<Throwable> failure, String interrupted,
                                      String failed) {
        joinAll(helpers, failure, interrupted);
        Throwable thrown = failure.get();
        if (thrown instanceof RuntimeException e) {
            throw e;
        } else if (thrown instanceof Error e) {
            throw e;
        } else if (thrown != null) {
            throw new IllegalStateException(failed, thrown);
        }
    }

    private static void joinAll(Thread[] threads, AtomicReference<Throwable> failure, String interruptedMessage) {
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    failure.compareAndSet(null, new CancellationException(interruptedMessage));
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
