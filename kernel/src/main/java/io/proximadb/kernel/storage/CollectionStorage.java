package io.proximadb.kernel.storage;

import io.proximadb.api.StorageStats;
import io.proximadb.kernel.config.StorageConfig;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.memtable.MemtableFactory;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.wal.WalEntry;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;

/**
 * A collection's LSM storage: the memtables, the segments, their manifest, and the background
 * flush and merge that move records from the first to the second.
 *
 * <h2>Writes</h2>
 * Writers hold {@link #writeGate()} (the shared side of a read-write lock) from their log append
 * until they have applied the logged entries with {@link #apply}. Swapping the memtable and
 * installing a flushed or merged segment take the exclusive side, briefly, so that no write is
 * half-applied when the set of memtables or segments changes. Applying a write also marks the
 * older copy of its id in the segments as deleted at the write's sequence ({@link LiveSegment}).
 *
 * <h2>Flush</h2>
 * A memtable over {@code storage.flush_bytes} is frozen at the log's last sequence {@code F} and
 * a new one takes the writes. In the background its newest versions are written as a segment;
 * deletion files and a new manifest ({@code flushedSequence = F}) are made durable; then the
 * segment replaces the memtable in a new version, and the log is truncated below {@code F + 1}.
 * A crash before the manifest rename leaves an unnamed segment file (deleted at open) and the log
 * intact; after it, the log's entries up to {@code F} are no longer needed.
 *
 * <h2>Merge</h2>
 * The size-tiered policy picks segments; their live records as of a snapshot are merged into one
 * new segment (paced by a rate limiter) while reads and writes go on. Installing it carries over
 * deletions made during the merge, then the manifest is replaced, and only then are the inputs
 * retired: their files go when the last snapshot reading them closes.
 *
 * <h2>Reads</h2>
 * {@link #snapshot()} takes the current version, then the published sequence, and keeps the pair
 * only if the version is still current. That order matters: a version installed after a flush
 * holds only data at or below a sequence that was published before the install, so a reader never
 * sees a segment newer than its sequence; and no write at or below the sequence was applied to a
 * later version only, so a reader never misses one or sees the copy it replaced.
 */
public final class CollectionStorage implements Closeable {

    private static final System.Logger LOG = System.getLogger(CollectionStorage.class.getName());

    private final String collection;
    private final SegmentFiles files;
    private final ManifestWriter manifests;
    private final MemtableFactory memtables;
    private final StorageConfig config;
    private final SizeTieredPolicy policy;
    private final Clock clock;
    private final LongSupplier published;
    private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
    /** Serialises manifest writes (flush and merge commit). */
    private final ReentrantLock manifestLock = new ReentrantLock();
    private final Object room = new Object();
    private final StorageCounters counters = new StorageCounters();
    private final ExecutorService flusher;
    private final ExecutorService merger;
    private volatile Version current;
    private volatile IOException backgroundFailure;
    private volatile boolean closing;
    /** Merge inputs still named by the manifest on disk because the merge's manifest write failed; guarded by the manifest lock. */
    private final List<LiveSegment> unnamedByNextManifest = new ArrayList<>();
    /** Set, under the write gate, when the current version is released for good: no snapshot after. */
    private volatile boolean closed;
    private volatile LongSupplier lastLogged = () -> 0;
    private Truncation truncation = sequence -> { };

    /** What the storage asks of the collection's log once a flush is durable. */
    @FunctionalInterface
    public interface Truncation {
        void truncateBefore(long sequence) throws IOException;
    }

    private CollectionStorage(String collection, SegmentFiles files, ManifestFile manifestFile, Manifest manifest,
                              List<LiveSegment> segments, MemtableFactory memtables, StorageConfig config, Clock clock,
                              LongSupplier published) {
        this.collection = collection;
        this.files = files;
        this.manifests = new ManifestWriter(files, manifestFile, manifest);
        this.memtables = memtables;
        this.config = config;
        this.policy = new SizeTieredPolicy(config.compactionMinMerge(), config.compactionMaxMerge(),
                config.compactionTierFactor());
        this.clock = clock;
        this.published = published;
        this.current = Version.adopting(memtables.create(), List.of(), segments);
        this.flusher = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("flush-" + collection).factory());
        this.merger = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("merge-" + collection)
                .priority(Thread.MIN_PRIORITY).factory());
    }

    /**
     * Opens the storage under {@code directory}: reads the manifest, deletes segment files it does
     * not name (left by a crash), opens the segments. The caller then replays the log entries after
     * {@link #flushedSequence()} through {@link #apply} and calls {@link #start}.
     */
    public static CollectionStorage open(String collection, FileSystem fs, String directory, SegmentFiles.Factory segments,
                                         MemtableFactory memtables, StorageConfig config, Clock clock,
                                         LongSupplier published) throws IOException {
        ManifestFile manifestFile = new ManifestFile(fs, directory);
        Manifest manifest = manifestFile.read();
        SegmentFiles files = segments.create(directory + "/segments");
        fs.createDirectories(files.directory());
        Set<String> named = new HashSet<>();
        for (Manifest.SegmentEntry entry : manifest.segments()) {
            named.add(entry.name());
            if (entry.deletionFile() != null) {
                named.add(entry.deletionFile());
            }
            if (entry.indexFile() != null) {
                named.add(entry.indexFile());
            }
        }
        for (String file : fs.list(files.directory())) {
            if (!named.contains(file)) {
                LOG.log(Level.INFO, "deleting {0}: no manifest names it", files.path(file));
                fs.delete(files.path(file));
            }
        }
        List<LiveSegment> opened = new ArrayList<>();
        try {
            for (Manifest.SegmentEntry entry : manifest.segments()) {
                opened.add(files.open(entry.name(), entry.deletionFile(), entry.indexFile()));
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(LiveSegment::release);
            throw e;
        }
        return new CollectionStorage(collection, files, manifestFile, manifest, opened, memtables, config, clock, published);
    }

    /** Every write at or below this sequence is in the segments; recovery replays the log after it. */
    public long flushedSequence() {
        manifestLock.lock();
        try {
            return manifests.current().flushedSequence();
        } finally {
            manifestLock.unlock();
        }
    }

    /** Connects the recovered log and starts background work (a flush if recovery filled the memtable). */
    public void start(LongSupplier lastLoggedSequence, Truncation logTruncation) {
        this.lastLogged = lastLoggedSequence;
        this.truncation = logTruncation;
        maybeFlush();
        scheduleMerge();
    }

    /** Held by writers from their log append until {@link #apply} returns. */
    public Lock writeGate() {
        return gate.readLock();
    }

    /**
     * Applies one logged entry: puts it in the active memtable and its rows, and hides the older
     * copies of its id in the frozen memtables' rows and in the segments. Called with
     * {@link #writeGate()} held, or during recovery.
     */
    public void apply(WalEntry entry) {
        Version version = current;
        switch (entry) {
            case WalEntry.Upsert upsert -> {
                version.active().put(MemtableEntry.upsert(upsert.sequence(), upsert.record()));
                version.activeRows().upsert(upsert.record(), upsert.sequence());
                supersede(version, upsert.record().id(), upsert.sequence());
            }
            case WalEntry.Delete delete -> {
                version.active().put(MemtableEntry.tombstone(delete.sequence(), delete.id()));
                version.activeRows().delete(delete.id(), delete.sequence());
                supersede(version, delete.id(), delete.sequence());
            }
            default -> {
                // Batch markers carry no record.
            }
        }
    }

    private static void supersede(Version version, String id, long sequence) {
        for (FrozenMemtable frozen : version.frozen()) {
            frozen.rows().supersede(id, sequence);
        }
        for (LiveSegment segment : version.segments()) {
            int ordinal = segment.ordinalOf(id);
            if (ordinal >= 0) {
                segment.markDeleted(ordinal, sequence);
            }
        }
    }

    /**
     * Waits while {@code storage.max_frozen_memtables} memtables wait for their flush: writers
     * slow to the disk's pace instead of filling the heap. Call without the write gate.
     *
     * @throws IOException if a background flush failed; writes stop until the database reopens
     */
    public void awaitRoom() throws IOException {
        synchronized (room) {
            while (current.frozen().size() >= config.maxFrozenMemtables() && backgroundFailure == null && !closing) {
                try {
                    room.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for a flush of " + collection);
                }
            }
        }
        IOException failure = backgroundFailure;
        if (failure != null) {
            throw new IOException("a background flush of '" + collection + "' failed, writes are refused until "
                    + "the database is reopened: " + failure.getMessage(), failure);
        }
    }

    /** Freezes the active memtable and schedules its flush if it has outgrown the threshold. */
    public void maybeFlush() {
        if (current.active().approximateBytes() >= config.flushBytes() && freezeActive(config.flushBytes())) {
            try {
                flusher.execute(this::flushFrozen);
            } catch (RejectedExecutionException closedMeanwhile) {
                // The write that got here is durable; the frozen memtable comes back from the log at the next open.
            }
        }
    }

    /** Flushes everything in memory now and waits until it is in segments. */
    public void flush() throws IOException {
        freezeActive(0);
        await(flusher.submit(this::flushFrozen));
        IOException failure = backgroundFailure;
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs merges until the policy picks nothing, and waits. */
    public void compact() throws IOException {
        await(merger.submit(() -> {
            mergeUntilDone();
            return null;
        }));
    }

    private static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for background work");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Swaps in a new active memtable if the current one holds at least {@code minBytes} and any data. */
    private boolean freezeActive(long minBytes) {
        gate.writeLock().lock();
        try {
            Version version = current;
            Memtable active = version.active();
            if (active.idCount() == 0 || active.approximateBytes() < minBytes) {
                return false;
            }
            active.freeze();
            List<FrozenMemtable> frozen = new ArrayList<>(version.frozen().size() + 1);
            frozen.add(new FrozenMemtable(active, version.activeRows(), lastLogged.getAsLong()));
            frozen.addAll(version.frozen());
            install(new Version(memtables.create(), new MemtableRows(), frozen, version.segments()));
            return true;
        } finally {
            gate.writeLock().unlock();
        }
    }

    /** Replaces the current version; called with the exclusive gate held. */
    private void install(Version next) {
        Version previous = current;
        current = next;
        previous.release();
    }

    /** Flushes frozen memtables, oldest first, until none is left. Runs on the flush thread. */
    private void flushFrozen() {
        while (!closing && backgroundFailure == null) {
            List<FrozenMemtable> frozen = current.frozen();
            if (frozen.isEmpty()) {
                return;
            }
            try {
                flush(frozen.getLast());
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "flush of collection '" + collection + "' failed; its data stays in the log", e);
                backgroundFailure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
            } finally {
                synchronized (room) {
                    room.notifyAll();
                }
            }
        }
    }

    private void flush(FrozenMemtable frozen) throws IOException {
        long now = clock.millis();
        String name = manifests.nextSegmentName();
        // Not cancellable: a flush that gave up half way must not look like a flush of nothing.
        LiveSegment segment = files.write(name, NewerWrites.newestLive(frozen.memtable(), now), () -> false,
                new WriteRateLimiter(0), "flush");
        manifestLock.lock();
        try {
            List<LiveSegment> segments = new ArrayList<>(current.segments());
            if (segment != null) {
                segments.add(segment);
                counters.segmentBytesWritten.addAndGet(segment.segment().sizeBytes());
            }
            try {
                counters.segmentBytesWritten.addAndGet(manifests.write(segments, frozen.lastSequence()));
            } catch (IOException | RuntimeException e) {
                if (segment != null) {
                    segment.release(); // no manifest names it: unmapped now, its file deleted at the next open
                }
                throw e;
            }
            retireUnnamed();
            CrashPoints.reached("flush.manifest-written");
            gate.writeLock().lock();
            try {
                Version version = current;
                List<FrozenMemtable> remaining = new ArrayList<>(version.frozen());
                remaining.remove(frozen);
                if (segment != null) {
                    NewerWrites.hideSuperseded(segment, version, frozen.lastSequence());
                    List<LiveSegment> next = new ArrayList<>(version.segments());
                    next.add(segment);
                    install(new Version(version.active(), version.activeRows(), remaining, next));
                    segment.release(); // the version holds it now
                } else {
                    install(new Version(version.active(), version.activeRows(), remaining, version.segments()));
                }
            } finally {
                gate.writeLock().unlock();
            }
        } finally {
            manifestLock.unlock();
        }
        truncation.truncateBefore(frozen.lastSequence() + 1);
        counters.flushes.incrementAndGet();
        scheduleMerge();
    }

    /** Retires the inputs of merges whose own manifest write failed, now that a manifest without them is durable. Under the manifest lock. */
    private void retireUnnamed() {
        unnamedByNextManifest.forEach(LiveSegment::retire);
        unnamedByNextManifest.clear();
    }

    private void scheduleMerge() {
        if (config.compactionEnabled() && !closing) {
            merger.execute(() -> {
                try {
                    mergeUntilDone();
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "merge in collection '" + collection + "' failed; it is retried later", e);
                }
            });
        }
    }

    private void mergeUntilDone() throws IOException {
        while (mergeOnce()) {
            // Each merge may make a new tier full.
        }
    }

    /** Merges one group of segments the policy picks; returns false if it picked none. Merge thread only. */
    private boolean mergeOnce() throws IOException {
        if (closing) {
            return false;
        }
        List<LiveSegment> inputs;
        long asOf;
        SegmentMerger merge;
        LiveSegment output;
        try (Snapshot snapshot = snapshot()) {
            inputs = config.compactionEnabled() ? policy.pickSegments(snapshot.version().segments()) : List.of();
            if (inputs.isEmpty()) {
                return false;
            }
            asOf = snapshot.sequence();
            merge = new SegmentMerger(inputs, asOf, clock.millis());
            String name = manifests.nextSegmentName();
            output = files.write(name, merge, () -> closing, new WriteRateLimiter(config.compactionBytesPerSecond()), "merge");
            if (closing) {
                if (output != null) {
                    output.release(); // never named by a manifest: its file goes at the next open
                }
                return false;
            }
        }
        manifestLock.lock();
        try {
            gate.writeLock().lock();
            try {
                Version version = current;
                List<LiveSegment> next = new ArrayList<>(version.segments());
                next.removeAll(inputs);
                if (output != null) {
                    merge.carryDeletionsTo(output);
                    next.add(output);
                    install(new Version(version.active(), version.activeRows(), version.frozen(), next));
                    output.release(); // the version holds it now
                } else {
                    install(new Version(version.active(), version.activeRows(), version.frozen(), next));
                }
            } finally {
                gate.writeLock().unlock();
            }
            CrashPoints.reached("merge.installed");
            try {
                counters.segmentBytesWritten.addAndGet(manifests.write(current.segments(), manifests.current().flushedSequence()));
            } catch (IOException | RuntimeException e) {
                // The merged segment serves already; the manifest on disk still names the inputs. The
                // next manifest written names the merged one instead, and the inputs go then.
                unnamedByNextManifest.addAll(inputs);
                throw e;
            }
            CrashPoints.reached("merge.manifest-written");
            retireUnnamed();
        } finally {
            manifestLock.unlock();
        }
        inputs.forEach(LiveSegment::retire);
        long bytes = output == null ? 0 : output.segment().sizeBytes();
        counters.segmentBytesWritten.addAndGet(bytes);
        counters.compactionBytesWritten.addAndGet(bytes);
        counters.compactions.incrementAndGet();
        LOG.log(Level.DEBUG, "merged {0} into {1}", inputs, output);
        return true;
    }

    /**
     * A consistent view for one read; close it when done. The version must still be current once
     * the sequence is read, or the pair is taken again: a write applied after a newer version was
     * installed updates only that version's memtable rows and segments (it supersedes its id there),
     * so an older version read at the write's sequence would show the write beside the copy it
     * replaced, or the replaced copy alone. While the version stays current, every write at or below
     * the sequence was applied before it was installed (the install carried it over) or to it.
     */
    public Snapshot snapshot() {
        while (true) {
            Version version = current;
            if (closed) {
                // the last version is released and never replaced: retrying would spin for ever
                throw new IllegalStateException("the collection's storage is closed");
            }
            if (version.tryRetain()) {
                long sequence = published.getAsLong();
                if (current == version) {
                    return new Snapshot(version, sequence);
                }
                version.release();
            }
        }
    }

    /** Figures for {@code describe()}; the log's bytes come from the caller, who owns the log. */
    public StorageStats stats(long walBytesWritten) {
        try (Snapshot snapshot = snapshot()) {
            Version version = snapshot.version();
            long segmentBytes = 0;
            long segmentRecords = 0;
            long memoryBytes = 0;
            for (LiveSegment segment : version.segments()) {
                segmentBytes += segment.segment().sizeBytes();
                segmentRecords += segment.segment().count();
                memoryBytes += segment.memoryBytes();
            }
            long memtableBytes = version.memtables().stream().mapToLong(Memtable::approximateBytes).sum();
            return new StorageStats(version.segments().size(), segmentRecords, segmentBytes, memtableBytes,
                    version.frozen().size(), memoryBytes, counters.flushes.get(), counters.compactions.get(),
                    counters.segmentBytesWritten.get(), counters.compactionBytesWritten.get(), walBytesWritten);
        }
    }

    /**
     * Stops background work (a running merge is abandoned, a running flush finishes) and releases
     * the segments. Frozen memtables not yet flushed are recovered from the log at the next open.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        synchronized (room) {
            room.notifyAll();
        }
        flusher.shutdown();
        merger.shutdown();
        try {
            flusher.awaitTermination(1, TimeUnit.MINUTES);
            merger.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gate.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                current.release();
            }
        } finally {
            gate.writeLock().unlock();
        }
    }
}
