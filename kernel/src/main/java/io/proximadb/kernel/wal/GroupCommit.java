package io.proximadb.kernel.wal;

import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who syncs, and how far the log is durable: leader/follower group commit, and the log's
 * poisoned state.
 *
 * <p>Appenders write under the log's write lock, then call {@link #awaitOrLead} with their last
 * sequence. If a sync covering it has completed they return at once; if none is running, the
 * caller becomes the leader, syncs everything written so far (its own entries and those of every
 * thread that wrote meanwhile) and reports {@link #leaderDone}; otherwise it waits for the running
 * sync and checks again. One fsync thus serves every thread that wrote while the previous fsync
 * ran, which is what makes many small synchronous writes cheap.
 *
 * <p>A failed fsync {@link #poison poisons} the log for good: Linux may drop the dirty pages of a
 * failed writeback and report success on the next fsync, so no later sync can prove anything
 * about the data (PostgreSQL's "fsyncgate", 2018). Waiters and later callers get the failure.
 *
 * <p>Thread-safe: all state is guarded by one lock; it is never held during I/O.
 */
final class GroupCommit {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final String name;
    private long durable;
    private boolean syncing;
    private IOException failure;

    GroupCommit(String name, long durable) {
        this.name = name;
        this.durable = durable;
    }

    /**
     * Returns false once {@code sequence} is durable; true if the caller must sync as leader (and
     * then call {@link #leaderDone} or {@link #poison}). Waits while another thread syncs.
     *
     * @throws IOException if the log is poisoned
     */
    boolean awaitOrLead(long sequence) throws IOException {
        lock.lock();
        try {
            while (true) {
                // Durable first: a write that another thread's sync covered is durable even if a
                // later sync failed, and its writer must not be told otherwise.
                if (durable >= sequence) {
                    return false;
                }
                check();
                if (!syncing) {
                    syncing = true;
                    return true;
                }
                // Uninterruptible: the entry is already written; an interrupt cannot undo it, and
                // the caller must learn whether it became durable.
                changed.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The leader's sync made everything up to {@code sequence} durable. */
    void leaderDone(long sequence) {
        lock.lock();
        try {
            syncing = false;
            durable = Math.max(durable, sequence);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** A sync outside the leader protocol (rotation, interval thread, close) made {@code sequence} durable. */
    void markDurable(long sequence) {
        lock.lock();
        try {
            durable = Math.max(durable, sequence);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records that a write or sync failed, wakes every waiter, and returns the exception that
     * callers should throw. The first failure is kept; later ones are suppressed into it.
     */
    IOException poison(String what, IOException cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = new IOException("write-ahead log " + name + " failed and refuses appends: " + what
                        + " failed (" + cause + "); the state of unsynced writes is unknown, reopen the log"
                        + " to recover from what is on disk", cause);
            } else if (failure.getCause() != cause) {
                failure.addSuppressed(cause);
            }
            syncing = false;
            changed.signalAll();
            return failure;
        } finally {
            lock.unlock();
        }
    }

    /** Throws the poisoning failure, if any. */
    void check() throws IOException {
        lock.lock();
        try {
            if (failure != null) {
                throw new IOException(failure.getMessage(), failure);
            }
        } finally {
            lock.unlock();
        }
    }

    boolean poisoned() {
        lock.lock();
        try {
            return failure != null;
        } finally {
            lock.unlock();
        }
    }

    long durable() {
        lock.lock();
        try {
            return durable;
        } finally {
            lock.unlock();
        }
    }
}
