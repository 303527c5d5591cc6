package io.proximadb.kernel.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalEntry;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The write-ahead log: the only source of truth for data not yet flushed to segments. Entries get
 * consecutive sequence numbers, are framed in checksummed blocks ({@code docs/formats/wal.md}),
 * encoded by a {@link WalCodec}, and made durable per {@link FsyncPolicy}.
 *
 * <h2>What a crash does, step by step</h2>
 * <ul>
 *   <li>During {@code append}, before the write: nothing of the append is in the log.</li>
 *   <li>During the write: any prefix of its records may survive; recovery cuts the torn record
 *       and drops a batch without its commit, so a batch is all or nothing.</li>
 *   <li>After the write, before the fsync: the append is lost only if the operating system also
 *       crashes; the caller was not yet answered, so either outcome is allowed.</li>
 *   <li>After {@code append} returns under {@code ALWAYS} or {@code GROUP}: the entries survive.</li>
 *   <li>During rotation: the old file is fsynced first, the new file's header and directory entry
 *       before any entry is written into it; a new file with a torn header is deleted on
 *       recovery.</li>
 *   <li>During {@code truncateBefore}: files are deleted oldest first, each deletion made durable
 *       before the next, so a crash leaves a contiguous suffix of the log.</li>
 * </ul>
 *
 * <h2>Thread safety</h2>
 * All methods are thread-safe. Appends serialise on a write lock while they assign sequences,
 * encode and write, so the file order is the sequence order; they wait for durability outside it,
 * so writers keep filling the page cache while an fsync runs ({@link GroupCommit}). Physical
 * syncs, rotation and close serialise on a second lock, so a file is never closed under a running
 * fsync. Lock order: write lock, then file lock, then the group-commit lock. Do not interrupt
 * appending threads: an interrupt during I/O closes a {@code FileChannel}, which poisons the log.
 */
public final class WriteAheadLog implements Closeable {

    private final FileSystem fs;
    private final String directory;
    private final WalCodec codec;
    private final WalOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock fileLock = new ReentrantLock();
    private final Object truncateMonitor = new Object();
    private final GroupCommit group;
    /** First sequence → path, the active file last. Guarded by the write lock. */
    private final TreeMap<Long, String> files = new TreeMap<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private Thread intervalSyncer;

    private LogWriter active;
    private volatile long lastSequence;
    /** The active file and the last sequence written to it: what a sync started now covers. */
    private volatile Written written;
    private volatile boolean closed;
    /** Bytes appended since open, framing included: the log's share of write amplification. */
    private final java.util.concurrent.atomic.AtomicLong bytesWritten = new java.util.concurrent.atomic.AtomicLong();

    private record Written(LogWriter file, long sequence) {
    }

    private WriteAheadLog(FileSystem fs, String directory, WalCodec codec, WalOptions options, long lastSequence) {
        this.fs = fs;
        this.directory = directory;
        this.codec = codec;
        this.options = options;
        this.lastSequence = lastSequence;
        this.group = new GroupCommit(fs + ":" + directory, lastSequence);
    }

    /**
     * Opens (creating if needed) the log in {@code directory}, handing every recovered entry to
     * {@code recovered} in sequence order: entries outside batches and the operations of
     * committed batches, without batch markers.
     *
     * @throws WalCorruptionException     on damage that is not a torn tail (unless skipCorrupt)
     * @throws WalCodecMismatchException  when a file was written by another codec or version
     */
    public static WriteAheadLog open(FileSystem fs, String directory, WalCodec codec, WalOptions options,
                                     Consumer<WalEntry> recovered) throws IOException {
        return open(fs, directory, codec, options, 0, recovered);
    }

    /**
     * {@link #open(FileSystem, String, WalCodec, WalOptions, Consumer)} for a log whose entries up
     * to {@code taken} are kept elsewhere too (in segments, up to a manifest's flushed sequence):
     * new entries are numbered after {@code taken} even where the log lost its tail below it. Under
     * fsync {@code interval} or {@code none} a power cut can take unsynced entries that a flush had
     * already put in a segment; numbering the next writes from what the log still holds would give
     * them sequences at or below {@code taken}, which the next recovery skips as flushed: writes
     * acknowledged after the cut would be lost at the restart after it.
     */
    public static WriteAheadLog open(FileSystem fs, String directory, WalCodec codec, WalOptions options, long taken,
                                     Consumer<WalEntry> recovered) throws IOException {
        Objects.requireNonNull(fs, "fs");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(recovered, "recovered");
        fs.createDirectories(directory);
        WalRecovery.Result result = new WalRecovery(fs, directory, codec, options, recovered).run();
        WriteAheadLog log = new WriteAheadLog(fs, directory, codec, options, Math.max(result.lastSequence(), taken));
        result.files().forEach((base, file) -> log.files.put(base, file.path()));
        log.start(result);
        return log;
    }

    private void start(WalRecovery.Result result) throws IOException {
        boolean durable = options.fsync() != FsyncPolicy.NONE;
        if (lastSequence > result.lastSequence()) {
            // Everything the log still holds is older than what is kept elsewhere: drop it, oldest
            // first (a crash leaves a suffix that is just as old), before a file after the cut
            // begins, so that no recovery ever sees a gap between two files.
            for (Map.Entry<Long, String> file = files.pollFirstEntry(); file != null; file = files.pollFirstEntry()) {
                fs.delete(file.getValue());
                if (durable) {
                    fs.syncDirectory(directory);
                }
            }
        }
        Map.Entry<Long, String> last = files.lastEntry();
        if (last != null && result.lastHeader() != null && Arrays.equals(result.lastHeader(), codec.formatHeader())) {
            // Continue the last file. Sync what a previous process may have left in the page cache.
            active = new LogWriter(fs.append(last.getValue()), result.lastLength());
            if (durable) {
                active.file().sync();
            }
        } else {
            if (last != null && durable) {
                try (WritableFile previous = fs.append(last.getValue())) {
                    previous.sync();
                }
            }
            if (last != null && last.getKey() > lastSequence) {
                // The last file holds no entry and its codec header is outdated: its name is the
                // one the new file needs.
                fs.delete(files.remove(last.getKey()));
            }
            active = createFile(lastSequence + 1);
        }
        written = new Written(active, lastSequence);
        if (options.fsync() == FsyncPolicy.INTERVAL) {
            intervalSyncer = Thread.ofPlatform().daemon().name("wal-sync " + directory).start(this::syncPeriodically);
        }
    }

    /**
     * Appends entries with consecutive new sequence numbers, contiguously, and returns them
     * sequenced once durable per the fsync policy. Batch markers are not accepted here: use
     * {@link #appendBatch}.
     */
    public List<WalEntry> append(List<WalEntry> entries) throws IOException {
        for (WalEntry entry : entries) {
            rejectMarker(entry);
        }
        return write(null, entries);
    }

    /**
     * Appends {@code operations} as one atomic batch, {@code BatchBegin(size)} ... {@code
     * BatchCommit(beginSequence)}, and returns the sequenced operations (without the markers).
     * Recovery replays all of them or none.
     */
    public List<WalEntry> appendBatch(String collection, List<WalEntry> operations) throws IOException {
        Objects.requireNonNull(collection, "collection");
        for (WalEntry entry : operations) {
            rejectMarker(entry);
        }
        return write(collection, operations);
    }

    private List<WalEntry> write(String batchCollection, List<WalEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return List.of();
        }
        List<WalEntry> result = new ArrayList<>(entries.size());
        long last;
        writeLock.lock();
        try {
            ensureWritable();
            long next = lastSequence + 1;
            List<byte[]> payloads = new ArrayList<>(entries.size() + 2);
            // Encode before touching the file: a codec failure leaves the log unchanged.
            if (batchCollection != null) {
                payloads.add(codec.encode(new WalEntry.BatchBegin(next, batchCollection, entries.size())));
            }
            long begin = next;
            next += batchCollection != null ? 1 : 0;
            for (WalEntry entry : entries) {
                WalEntry sequenced = entry.withSequence(next++);
                result.add(sequenced);
                payloads.add(codec.encode(sequenced));
            }
            if (batchCollection != null) {
                payloads.add(codec.encode(new WalEntry.BatchCommit(next++, batchCollection, begin)));
            }
            last = next - 1;
            if (active.length() >= options.fileBytes() && files.lastKey() <= lastSequence) {
                rotate(lastSequence + 1);
            }
            try {
                long before = active.length();
                for (byte[] payload : payloads) {
                    active.add(payload, batchCollection != null);
                }
                active.flush();
                bytesWritten.addAndGet(active.length() - before);
            } catch (IOException | RuntimeException e) {
                throw group.poison("write to " + files.lastEntry().getValue(), asIo(e));
            }
            lastSequence = last;
            written = new Written(active, last);
            if (options.fsync() == FsyncPolicy.ALWAYS) {
                syncActive(); // under the write lock: no one shares this fsync
            }
        } finally {
            writeLock.unlock();
        }
        if (options.fsync() == FsyncPolicy.GROUP) {
            awaitDurable(last);
        }
        return result;
    }

    /** Bytes appended since the log was opened, record framing and block padding included. */
    public long bytesWritten() {
        return bytesWritten.get();
    }

    /** The last sequence assigned; 0 for a new log. */
    public long lastSequence() {
        return lastSequence;
    }

    /**
     * Deletes every file all of whose entries are below {@code sequence} (typically the first
     * sequence not yet flushed to a segment), oldest first. When that is every entry logged, the
     * active file is closed and a new one started, so that it goes too.
     */
    public void truncateBefore(long sequence) throws IOException {
        synchronized (truncateMonitor) {
            List<String> doomed = new ArrayList<>();
            writeLock.lock();
            try {
                ensureOpen();
                if (lastSequence < sequence && files.lastKey() <= lastSequence) {
                    // Everything logged is below the cut, the active file included: start a new
                    // file so that the old one can go too, and a restart replays nothing.
                    rotate(lastSequence + 1);
                }
                Long base = files.firstKey();
                // File [base, nextBase) is entirely below sequence when nextBase <= sequence.
                for (Long nextBase = files.higherKey(base); nextBase != null && nextBase <= sequence;
                     base = nextBase, nextBase = files.higherKey(base)) {
                    doomed.add(files.remove(base));
                }
            } finally {
                writeLock.unlock();
            }
            for (String path : doomed) {
                fs.delete(path);
                io.proximadb.kernel.storage.CrashPoints.reached("wal.truncating");
                if (options.fsync() != FsyncPolicy.NONE) {
                    fs.syncDirectory(directory); // keep deletions in order: a crash leaves a suffix
                }
            }
        }
    }

    /** Makes every entry appended so far durable, whatever the policy. */
    public void sync() throws IOException {
        ensureOpen();
        awaitDurable(written.sequence());
    }

    /** Syncs (under every policy, so that a clean shutdown is durable) and closes the log. */
    @Override
    public void close() throws IOException {
        stop.countDown();
        if (intervalSyncer != null) {
            try {
                intervalSyncer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        fileLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                if (!group.poisoned()) {
                    syncPhysically();
                }
            } finally {
                active.file().close();
            }
        } finally {
            fileLock.unlock();
            writeLock.unlock();
        }
    }

    /** The paths of the log's files, oldest first (for tests and tools). */
    public List<String> files() {
        writeLock.lock();
        try {
            return List.copyOf(files.values());
        } finally {
            writeLock.unlock();
        }
    }

    private void awaitDurable(long sequence) throws IOException {
        while (group.awaitOrLead(sequence)) {
            fileLock.lock();
            try {
                if (closed) {
                    group.leaderDone(-1); // close synced (or the log is poisoned); check again
                    continue;
                }
                Written covered = written;
                covered.file().file().sync();
                group.leaderDone(covered.sequence());
            } catch (IOException | RuntimeException e) {
                throw group.poison("fsync of " + directory, asIo(e));
            } finally {
                fileLock.unlock();
            }
        }
    }

    /** Syncs the active file; caller holds the write lock. */
    private void syncActive() throws IOException {
        fileLock.lock();
        try {
            syncPhysically();
        } finally {
            fileLock.unlock();
        }
    }

    /** Caller holds the file lock. */
    private void syncPhysically() throws IOException {
        Written covered = written;
        try {
            covered.file().file().sync();
        } catch (IOException | RuntimeException e) {
            throw group.poison("fsync of " + directory, asIo(e));
        }
        group.markDurable(covered.sequence());
    }

    /** Starts a new file at {@code base}; caller holds the write lock. */
    private void rotate(long base) throws IOException {
        fileLock.lock();
        try {
            if (options.fsync() != FsyncPolicy.NONE) {
                syncPhysically();
            }
            active.file().close();
            active = createFile(base);
            written = new Written(active, lastSequence);
        } catch (IOException | RuntimeException e) {
            throw group.poison("rotation to " + WalFormat.fileName(base), asIo(e));
        } finally {
            fileLock.unlock();
        }
    }

    private LogWriter createFile(long base) throws IOException {
        String path = WalRecovery.path(directory, WalFormat.fileName(base));
        WritableFile file = fs.create(path);
        LogWriter writer = new LogWriter(file, 0);
        writer.addRaw(WalFormat.encodeHeader(base, codec.name(), codec.formatHeader()));
        writer.flush();
        if (options.fsync() != FsyncPolicy.NONE) {
            file.sync();
            fs.syncDirectory(directory);
        }
        files.put(base, path);
        return writer;
    }

    private void syncPeriodically() {
        try {
            while (!stop.await(options.intervalMillis(), TimeUnit.MILLISECONDS)) {
                fileLock.lock();
                try {
                    if (closed || group.poisoned()) {
                        return;
                    }
                    if (written.sequence() > group.durable()) {
                        syncPhysically();
                    }
                } finally {
                    fileLock.unlock();
                }
            }
        } catch (IOException e) {
            // poisoned: appends report it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("write-ahead log " + fs + ":" + directory + " is closed");
        }
    }

    private void ensureWritable() throws IOException {
        ensureOpen();
        group.check();
    }

    private static void rejectMarker(WalEntry entry) {
        if (entry instanceof WalEntry.BatchBegin || entry instanceof WalEntry.BatchCommit) {
            throw new IllegalArgumentException("batch markers are written by appendBatch, not passed in: " + entry);
        }
    }

    private static IOException asIo(Exception e) {
        return e instanceof IOException io ? io : new IOException(e);
    }
}
