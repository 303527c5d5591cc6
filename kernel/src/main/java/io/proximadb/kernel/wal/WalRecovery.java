package io.proximadb.kernel.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.wal.WalCodec;
import io.proximadb.spi.wal.WalDecoder;
import io.proximadb.spi.wal.WalEntry;
import io.proximadb.spi.wal.WalFormatException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads a log directory at open: hands the committed entries to the caller in sequence order,
 * cuts a torn tail, drops an unfinished batch at the end, and reports or skips damage elsewhere
 * (rules in {@code docs/formats/wal.md}, "Recovery").
 *
 * <p><b>Crash behaviour.</b> Recovery only ever shortens or deletes the last file (truncate is
 * durable when it returns) and reads everything else; a crash during recovery leaves a log that
 * the next recovery reads the same way, so recovery is idempotent.
 *
 * <p>Used once, by one thread.
 */
final class WalRecovery {

    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());

    /** A file that stays in the log, by first sequence. */
    record LogFile(String path, long baseSequence) {
    }

    /**
     * @param files        the files left, in order; the last one may be appended to
     * @param lastSequence the last sequence used, at least the last file's base minus one
     * @param lastHeader   the codec header of the last file, or null if there is none
     * @param lastLength   the last file's length after any cut
     */
    record Result(TreeMap<Long, LogFile> files, long lastSequence, byte[] lastHeader, long lastLength) {
    }

    private final FileSystem fs;
    private final String directory;
    private final WalCodec codec;
    private final boolean skipCorrupt;
    private final Consumer<WalEntry> recovered;

    private long expectedNext = -1;
    private long lastSequence;
    private Batch batch;

    /** A batch whose commit has not been read yet. */
    private record Batch(WalEntry.BatchBegin begin, long offset, List<WalEntry> operations) {
        long commitSequence() {
            return begin.sequence() + begin.size() + 1;
        }
    }

    WalRecovery(FileSystem fs, String directory, WalCodec codec, WalOptions options, Consumer<WalEntry> recovered) {
        this.fs = fs;
        this.directory = directory;
        this.codec = codec;
        this.skipCorrupt = options.skipCorrupt();
        this.recovered = recovered;
    }

    static String path(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    Result run() throws IOException {
        TreeMap<Long, String> names = new TreeMap<>();
        for (String name : fs.list(directory)) {
            long base = WalFormat.parseFileName(name);
            if (base >= 0) {
                names.put(base, name);
            }
        }
        TreeMap<Long, LogFile> kept = new TreeMap<>();
        byte[] lastHeader = null;
        long lastLength = 0;
        for (var named : names.entrySet()) {
            boolean last = named.getKey().equals(names.lastKey());
            String path = path(directory, named.getValue());
            lastSequence = Math.max(lastSequence, named.getKey() - 1);
            FileOutcome outcome;
            try (ReadableFile file = fs.openForRead(path)) {
                outcome = readFile(path, named.getKey(), file, last);
            }
            if (outcome == TORN_HEADER) {
                fs.delete(path);
                fs.syncDirectory(directory);
            } else if (outcome == SKIPPED) {
                // Never reuse the skipped file's name, nor append after bytes we cannot read.
                lastSequence = Math.max(lastSequence, named.getKey());
            } else {
                kept.put(named.getKey(), new LogFile(path, named.getKey()));
            }
            if (last) {
                lastHeader = outcome.codecHeader;
                lastLength = outcome.length;
            }
        }
        return new Result(kept, lastSequence, lastHeader, lastLength);
    }

    /** What became of a file: kept (with its codec header and length), deleted, or skipped. */
    private record FileOutcome(byte[] codecHeader, long length) {
    }

    private static final FileOutcome TORN_HEADER = new FileOutcome(null, 0);
    private static final FileOutcome SKIPPED = new FileOutcome(null, 0);

    /** Reads one file, handing its committed entries on. */
    private FileOutcome readFile(String path, long base, ReadableFile file, boolean last) throws IOException {
        long size = file.size();
        byte[] first = new byte[(int) Math.min(size, WalFormat.BLOCK_SIZE)];
        file.readFully(ByteBuffer.wrap(first), 0);
        LogReader reader = new LogReader(file, 0, size);
        WalFormat.Header header;
        try {
            header = WalFormat.decodeHeader(first, first.length);
        } catch (WalFormat.HeaderException e) {
            if (last && !reader.validRecordStartsAfter(0)) {
                LOG.log(Level.WARNING, "write-ahead log {0}: torn file header ({1}); deleting the file ({2} bytes)",
                        path, e.getMessage(), size);
                return TORN_HEADER;
            }
            if (skipCorrupt) {
                LOG.log(Level.WARNING, "write-ahead log {0}: skipping the whole file, offsets 0..{1}: {2}",
                        path, size, e.getMessage());
                return SKIPPED;
            }
            throw new WalCorruptionException(path, 0, e.getMessage());
        }
        WalDecoder decoder = decoderFor(path, header);
        if (header.baseSequence() != base) {
            corrupt(path, 10, "header says the file starts at sequence " + header.baseSequence()
                    + " but its name says " + base + " (renamed or copied file?)");
        }
        if (expectedNext >= 0 && base != expectedNext) {
            corrupt(path, 0, "the file starts at sequence " + base + " but the previous file ends at "
                    + (expectedNext - 1) + " (a log file is missing)");
        }
        expectedNext = base;
        reader = new LogReader(file, header.length(), size);
        long cut = -1;
        for (LogReader.Event event = reader.next(); event != null; event = reader.next()) {
            if (event instanceof LogReader.Damage damage) {
                if (last && !reader.validRecordStartsAfter(damage.offset())) {
                    cut = damage.offset();
                    break;
                }
                corrupt(path, damage.offset(), damage.reason());
                LOG.log(Level.WARNING, "write-ahead log {0}: skipping damaged bytes {1}..{2}: {3}",
                        path, damage.offset(), damage.end(), damage.reason());
                dropBatch(path, "it lost records to damage");
            } else if (event instanceof LogReader.Record record) {
                WalEntry entry;
                try {
                    entry = decoder.decode(record.payload());
                } catch (WalFormatException | RuntimeException e) {
                    corrupt(path, record.offset(), "codec '" + codec.name() + "' cannot decode the entry: " + e.getMessage());
                    LOG.log(Level.WARNING, "write-ahead log {0}: skipping undecodable entry at {1}..{2}: {3}",
                            path, record.offset(), record.end(), e.getMessage());
                    dropBatch(path, "it lost an entry that could not be decoded");
                    continue;
                }
                accept(path, record.offset(), entry, record.batchMember());
            }
        }
        if (batch != null) {
            if (!last) {
                corrupt(path, batch.offset, "batch begun at sequence " + batch.begin.sequence()
                        + " has no commit before the end of the file");
                dropBatch(path, "it has no commit");
            } else {
                // A crash between a batch's first and last write: cut it so that new appends
                // cannot be read as its missing operations.
                LOG.log(Level.WARNING, "write-ahead log {0}: dropping the batch begun at sequence {1} (offset {2}), "
                        + "which has no commit", path, batch.begin.sequence(), batch.offset);
                cut = cut < 0 ? batch.offset : Math.min(cut, batch.offset);
                lastSequence = batch.begin.sequence() - 1;
                batch = null;
            }
        }
        if (cut >= 0) {
            LOG.log(Level.WARNING, "write-ahead log {0}: cutting a torn tail at offset {1}, dropping {2} bytes",
                    path, cut, size - cut);
            fs.truncate(path, cut);
            size = cut;
        }
        return new FileOutcome(header.codecHeader(), size);
    }

    private WalDecoder decoderFor(String path, WalFormat.Header header) throws IOException {
        if (!header.codecName().equals(codec.name())) {
            throw new WalCodecMismatchException("write-ahead log file " + path + " was written by codec '"
                    + header.codecName() + "' but this log is configured with codec '" + codec.name()
                    + "'; open it with the codec it was written with");
        }
        try {
            return codec.decoder(header.codecHeader());
        } catch (WalFormatException e) {
            throw new WalCodecMismatchException("write-ahead log file " + path + " was written by a version of codec '"
                    + codec.name() + "' that this one cannot read: " + e.getMessage(), e);
        }
    }

    private void accept(String path, long offset, WalEntry entry, boolean batchMember) throws IOException {
        long sequence = entry.sequence();
        if (sequence != expectedNext) {
            corrupt(path, offset, "entry has sequence " + sequence + " where " + expectedNext + " was expected");
            if (sequence < expectedNext) {
                LOG.log(Level.WARNING, "write-ahead log {0}: skipping out-of-order entry {1} at offset {2}",
                        path, sequence, offset);
                return;
            }
            LOG.log(Level.WARNING, "write-ahead log {0}: sequences {1}..{2} are missing (offset {3})",
                    path, expectedNext, sequence - 1, offset);
        }
        expectedNext = sequence + 1;
        lastSequence = Math.max(lastSequence, sequence);
        if (batch != null && (!batchMember || sequence > batch.commitSequence())) {
            corrupt(path, offset, "batch begun at sequence " + batch.begin.sequence() + " has no commit");
            dropBatch(path, "it has no commit");
        }
        boolean marker = entry instanceof WalEntry.BatchBegin || entry instanceof WalEntry.BatchCommit;
        if (!batchMember) {
            if (marker) {
                corrupt(path, offset, "batch marker " + sequence + " is not framed as part of a batch");
                return;
            }
            recovered.accept(entry);
            return;
        }
        if (entry instanceof WalEntry.BatchBegin begin) {
            if (batch != null) {
                corrupt(path, offset, "batch begun at sequence " + batch.begin.sequence()
                        + " is interrupted by another batch");
                dropBatch(path, "another batch began inside it");
            }
            batch = new Batch(begin, offset, new ArrayList<>(Math.min(begin.size(), 1 << 16)));
            return;
        }
        if (batch == null) {
            // An operation or the commit of a batch whose begin was lost: never apply part of a batch.
            corrupt(path, offset, "entry " + sequence + " belongs to a batch whose begin is missing");
            LOG.log(Level.WARNING, "write-ahead log {0}: dropping entry {1} at offset {2}, part of a damaged batch",
                    path, sequence, offset);
            return;
        }
        if (entry instanceof WalEntry.BatchCommit commit) {
            Batch done = batch;
            batch = null;
            if (commit.beginSequence() != done.begin.sequence() || sequence != done.commitSequence()
                    || done.operations.size() != done.begin.size()) {
                corrupt(path, offset, "commit at sequence " + sequence + " does not match the batch begun at "
                        + done.begin.sequence());
                LOG.log(Level.WARNING, "write-ahead log {0}: dropping the batch begun at sequence {1}: "
                        + "its commit does not match it", path, done.begin.sequence());
                return;
            }
            done.operations.forEach(recovered);
            return;
        }
        batch.operations.add(entry);
    }

    private void dropBatch(String path, String why) {
        if (batch != null) {
            LOG.log(Level.WARNING, "write-ahead log {0}: dropping the batch begun at sequence {1} (offset {2}): {3}",
                    path, batch.begin.sequence(), batch.offset, why);
            batch = null;
        }
    }

    /** Fails the recovery unless damaged ranges are to be skipped. */
    private void corrupt(String path, long offset, String reason) throws WalCorruptionException {
        if (!skipCorrupt) {
            throw new WalCorruptionException(path, offset, reason);
        }
    }
}
