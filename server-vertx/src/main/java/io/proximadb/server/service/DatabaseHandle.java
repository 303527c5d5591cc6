package io.proximadb.server.service;

import io.proximadb.api.ProximaDB;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * The database behind the service, through its whole life: opening (recovery may take a while,
 * and the server already answers {@code /healthz} meanwhile), ready, closing, closed.
 *
 * <p>Every call holds a read lock for its duration; closing takes the write lock, so the database
 * closes only once the calls in flight have returned (or a bounded wait has passed), never under
 * a write. Calls that arrive before the database is ready or after closing began fail fast with
 * {@link ErrorCode#UNAVAILABLE}. Thread-safe.
 */
public final class DatabaseHandle {

    private static final System.Logger LOG = System.getLogger(DatabaseHandle.class.getName());

    private enum State { OPENING, READY, FAILED, CLOSING, CLOSED }

    private final ReentrantReadWriteLock calls = new ReentrantReadWriteLock();
    private volatile State state = State.OPENING;
    private volatile ProximaDB database;

    /**
     * Opens the database (blocking: recovery runs here) and makes the handle ready; a handle closed
     * meanwhile closes what was opened.
     *
     * @throws ServiceException if opening failed; the handle then stays unavailable
     */
    public void open(Callable<ProximaDB> opener) {
        ProximaDB opened;
        try {
            opened = opener.call();
        } catch (Exception | Error e) {
            synchronized (this) {
                if (state == State.OPENING) {
                    state = State.FAILED;
                }
            }
            if (e instanceof Error error) {
                throw error; // a broken class path, out of memory: not the caller's input, and not to be wrapped
            }
            throw e instanceof RuntimeException runtime ? ServiceException.from(runtime)
                    : new ServiceException(ErrorCode.STORAGE_FAILURE, "cannot open the database: " + e.getMessage(), e);
        }
        synchronized (this) {
            if (state == State.OPENING) {
                database = opened; // written before the volatile state: whoever sees READY sees the database
                state = State.READY;
                return;
            }
        }
        opened.close(); // the handle was closed while the database opened
    }

    /** Whether calls are served: the database is open and recovered, and not shutting down. */
    public boolean ready() {
        return state == State.READY;
    }

    /** @throws ServiceException UNAVAILABLE, saying why, when the handle is not {@link #ready()} */
    public void checkReady() {
        if (state != State.READY) {
            throw unavailable();
        }
    }

    /** Runs {@code call} against the open database. @throws ServiceException UNAVAILABLE when not ready */
    public <T> T call(Function<ProximaDB, T> call) {
        if (state != State.READY || !calls.readLock().tryLock()) {
            throw unavailable();
        }
        try {
            if (state != State.READY) {
                throw unavailable();
            }
            return call.apply(database);
        } finally {
            calls.readLock().unlock();
        }
    }

    private ServiceException unavailable() {
        return new ServiceException(ErrorCode.UNAVAILABLE, switch (state) {
            case OPENING -> "the database is still opening (recovering its logs); retry shortly";
            case FAILED -> "the database failed to open; see the server log";
            default -> "the server is shutting down";
        });
    }

    /**
     * Stops taking calls, waits up to {@code wait} for the calls in flight, then closes the
     * database, which syncs and closes every log. Idempotent.
     */
    public void close(Duration wait) {
        synchronized (this) {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            state = State.CLOSING;
        }
        boolean drained = false;
        try {
            drained = calls.writeLock().tryLock(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!drained) {
            LOG.log(System.Logger.Level.WARNING, "closing the database with engine calls still running after {0}", wait);
        }
        try {
            if (database != null) {
                database.close();
            }
        } finally {
            state = State.CLOSED;
            if (drained) {
                calls.writeLock().unlock();
            }
        }
    }
}
