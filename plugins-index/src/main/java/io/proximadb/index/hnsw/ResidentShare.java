package io.proximadb.index.hnsw;

import io.proximadb.spi.index.VectorValues;
import java.lang.foreign.Arena;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What one float32 index holds of its factory's {@link ResidentBudget}: nothing, a share taken when
 * it was built or opened (its copy in the index's own arena), or a share it waits for.
 *
 * <p>Why wait: an index that opens while the budget is spent would otherwise search its segment's
 * mapping for as long as it lives, 6 % to 21 % slower ({@link ResidentVectors}), even after the
 * indexes holding the budget have closed. That is the usual case after a compaction: the merged
 * segment's index is built while the segments it replaces still hold their shares, which they give
 * back a moment later. So a waiting index looks again at its next search after any share is given
 * back; if one fits, a background thread copies the vectors, so that no query waits for the copy,
 * and the index walks the copy from its next search on. An index that is not searched takes
 * nothing.
 */
final class ResidentShare {

    private static final System.Logger LOG = System.getLogger(ResidentShare.class.getName());
    /** The name of the threads that copy, one per late copy, each gone when its copy is. */
    static final String COPY_THREAD = "hnsw-vector-copy";

    private final ResidentBudget budget;
    /** The vectors to copy when a share comes free; {@code null} unless waiting. */
    private final VectorValues waitingFor;
    private final long bytes;
    /** Bytes held now: {@link #bytes} once taken, else 0. */
    private volatile long held;
    /** Set once a copy has been started (or can no longer be): later searches look no more. */
    private final AtomicBoolean settled;
    /** {@link ResidentBudget#releases()} when last looked at. */
    private volatile long seenReleases;
    /** Receives the copy, under this object's lock, unless closed. */
    private Consumer<ResidentVectors> install;
    private Arena lateArena;
    /** Written under the lock; volatile so that a copy under way sees it between pieces and stops. */
    private volatile boolean closed;

    private ResidentShare(ResidentBudget budget, VectorValues waitingFor, long bytes, long held, long seenReleases) {
        this.budget = budget;
        this.waitingFor = waitingFor;
        this.bytes = bytes;
        this.held = held;
        this.settled = new AtomicBoolean(waitingFor == null);
        this.seenReleases = seenReleases;
    }

    /** No share: the index walks codes, or vectors too small or too large to copy. */
    static ResidentShare none() {
        return new ResidentShare(null, null, 0, 0, 0);
    }

    /** {@code bytes} reserved in {@code budget} for a copy the index made when it opened. */
    static ResidentShare held(ResidentBudget budget, long bytes) {
        return new ResidentShare(budget, null, bytes, bytes, 0);
    }

    /**
     * A share to take for a copy of {@code values} once the spent {@code budget} has room again.
     *
     * @param seenReleases {@link ResidentBudget#releases()} read before the reservation that failed,
     *                     so that a share given back since then is looked at by the first search
     */
    static ResidentShare waiting(ResidentBudget budget, VectorValues values, long seenReleases) {
        return new ResidentShare(budget, values, ResidentVectors.bytesOf(values), 0, seenReleases);
    }

    /** Where a copy taken later goes: the index, which walks it from then on. */
    synchronized void onCopy(Consumer<ResidentVectors> install) {
        this.install = install;
    }

    /** Bytes of the copy held now. */
    long bytes() {
        return held;
    }

    /**
     * Called at each search: nothing but two reads unless waiting and a share was given back since
     * the last look, in which case it reserves one if it fits and starts the copy.
     */
    void poll() {
        if (settled.get()) {
            return;
        }
        long releases = budget.releases();
        if (releases == seenReleases || !settled.compareAndSet(false, true)) {
            return;
        }
        seenReleases = releases;
        if (!budget.tryReserve(bytes)) {
            settled.set(false); // still spent: look again after the next release
            return;
        }
        try {
            Thread.ofPlatform().daemon().name(COPY_THREAD).start(this::copy);
        } catch (RuntimeException | Error e) {
            // No thread to be had (native memory): the search goes on over the segment, the share goes back.
            budget.release(bytes);
            LOG.log(System.Logger.Level.WARNING, "could not start copying " + bytes + " bytes of vectors for an hnsw walk;"
                    + " it goes on reading the segment's", e);
        }
    }

    /** On the background thread: copies, then installs the copy unless the index closed meanwhile. */
    private void copy() {
        Arena arena = Arena.ofShared();
        try {
            // Stops between pieces once the index is closed: its segment may be unmapped next.
            ResidentVectors copy = ResidentVectors.copyOf(waitingFor, arena, () -> closed);
            synchronized (this) {
                if (!closed) {
                    install.accept(copy);
                    lateArena = arena;
                    held = bytes;
                    return;
                }
            }
        } catch (CancellationException e) {
            // closed while copying: nothing to say
        } catch (RuntimeException | Error e) {
            // No retry: whatever failed (most likely memory) would fail again; the walk stays on the segment.
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "could not copy " + bytes + " bytes of vectors for an hnsw walk;"
                        + " it goes on reading the segment's", e);
            }
        }
        free(arena);
    }

    /** Frees a copy taken late, and gives back whatever this share holds; a copy under way is dropped when done. */
    void close() {
        Arena arena;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            settled.set(true);
            arena = lateArena;
            lateArena = null;
        }
        if (arena != null) {
            free(arena);
        } else if (waitingFor == null && held > 0) {
            // Taken when the index opened: the copy lives in the index's own arena, which the index closes.
            held = 0;
            budget.release(bytes);
        }
    }

    private void free(Arena arena) {
        held = 0;
        try {
            arena.close();
        } finally {
            budget.release(bytes);
        }
    }
}
