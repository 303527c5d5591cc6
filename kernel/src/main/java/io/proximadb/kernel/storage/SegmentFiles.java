package io.proximadb.kernel.storage;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.segment.SegmentWriter;
import io.proximadb.spi.vector.VectorKernels;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.BitSet;
import java.util.Iterator;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The files of a collection's segments under {@code <collection>/segments/}: names, writing a
 * segment from sorted records, opening one with its index and deletions, deleting one.
 *
 * <p>Names: {@code seg-<number, 10 digits>.<format>} for segments and
 * {@code <segment>.del-<manifest generation>} for their deletion files, so that a newer deletion
 * file never overwrites the one the durable manifest names.
 */
public final class SegmentFiles {

    /** Makes the segment files of one collection, given its segments directory. */
    @FunctionalInterface
    public interface Factory {
        SegmentFiles create(String directory);
    }

    private static final System.Logger LOG = System.getLogger(SegmentFiles.class.getName());
    /** Records after which a crash test may stop a segment write midway. */
    private static final int HALF_WRITTEN = 32;

    private final FileSystem fs;
    private final String directory;
    private final SegmentFormat format;
    private final SegmentWriteOptions options;
    private final SegmentIndexes indexes;

    public SegmentFiles(FileSystem fs, String directory, SegmentFormat format, SegmentWriteOptions options,
                 VectorIndexFactory indexes, IndexSpec indexSpec, VectorKernels kernels,
                 Supplier<QueryWorkload> workload) {
        this.fs = fs;
        this.directory = directory;
        this.format = format;
        this.options = options;
        this.indexes = new SegmentIndexes(fs, directory, indexes, indexSpec, kernels, workload);
    }

    String directory() {
        return directory;
    }

    String path(String name) {
        return directory + "/" + name;
    }

    String segmentName(long number) {
        return String.format("seg-%010d.%s", number, format.name());
    }

    static String deletionName(String segment, long generation) {
        return segment + ".del-" + generation;
    }

    /**
     * Writes the records (in increasing id order) as a new segment and opens it, or returns
     * {@code null} when there are none. The file is synced and its name made durable.
     *
     * @param cancelled polled between records; a cancelled write deletes its partial file
     * @param limiter   paces the write
     * @param purpose   {@code flush} or {@code merge}, naming the crash points on the way
     */
    LiveSegment write(String name, Iterator<VectorRecord> records, BooleanSupplier cancelled, WriteRateLimiter limiter,
                      String purpose) throws IOException {
        try (SegmentWriter writer = format.newWriter(fs, path(name), options)) {
            while (records.hasNext()) {
                if (cancelled.getAsBoolean()) {
                    return null;
                }
                VectorRecord record = records.next();
                writer.add(record);
                if (writer.count() == HALF_WRITTEN) {
                    CrashPoints.reached(purpose + ".segment-half-written");
                }
                limiter.acquire(record.vector().length * 4L + record.id().length());
            }
            if (writer.count() == 0) {
                return null;
            }
            writer.finish();
        }
        CrashPoints.reached(purpose + ".segment-written");
        Segment segment = format.open(fs, path(name));
        try {
            SegmentIndexes.OpenIndex index = indexes.create(name, segment);
            fs.syncDirectory(directory); // the segment's name, and its index file's
            return new LiveSegment(name, segment, index, new BitSet(), null, this::delete);
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /**
     * Opens a recovered segment with its deletions ({@code deletionFile}) and its index (loaded
     * from {@code indexFile}, or built); either file may be {@code null}.
     */
    LiveSegment open(String name, String deletionFile, String indexFile) throws IOException {
        Segment segment = format.open(fs, path(name));
        try {
            BitSet deleted = deletionFile == null ? new BitSet() : format.readDeletions(fs, path(deletionFile));
            SegmentIndexes.OpenIndex index = indexes.open(name, segment, indexFile);
            return new LiveSegment(name, segment, index, deleted, deletionFile, this::delete);
        } catch (IOException | RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    /** Makes the names of files created in the segments' directory durable. */
    void syncDirectory() throws IOException {
        fs.syncDirectory(directory);
    }

    /** Writes the deletion file of a segment; returns its size. */
    long writeDeletions(String name, BitSet deleted) throws IOException {
        format.writeDeletions(fs, path(name), deleted);
        return fs.size(path(name));
    }

    void deleteQuietly(String name) {
        try {
            fs.delete(path(name));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot delete {0}: {1}; it is deleted at the next open", path(name), e.getMessage());
        }
    }

    private void delete(LiveSegment segment) {
        deleteQuietly(segment.name());
        if (segment.deletionFile() != null) {
            deleteQuietly(segment.deletionFile());
        }
        if (segment.indexFile() != null) {
            deleteQuietly(segment.indexFile());
        }
    }
}
