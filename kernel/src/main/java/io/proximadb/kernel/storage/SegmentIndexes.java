package io.proximadb.kernel.storage;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.QueryWorkload;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.memory.LargePages;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.vector.VectorKernels;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Supplier;

/**
 * The vector index of each segment, built by the collection's index plugin. When the plugin can
 * persist its index, a new segment's index is written beside it ({@code <segment>.index}, whole,
 * synced) and named by the manifest, and reopening maps that file and searches it in place
 * instead of rebuilding; otherwise (the exact {@code flat} index) it is rebuilt on open, which
 * costs nothing for an index that holds no structure.
 */
final class SegmentIndexes {

    private static final System.Logger LOG = System.getLogger(SegmentIndexes.class.getName());

    /** An open index, the file it came from or went to ({@code null} if none) and the mapping it reads. */
    record OpenIndex(VectorIndex index, String file, Arena mapping) {
        void close() {
            index.close();
            if (mapping != null) {
                mapping.close();
            }
        }
    }

    private final FileSystem fs;
    private final String directory;
    private final VectorIndexFactory factory;
    private final IndexSpec spec;
    private final VectorKernels kernels;
    /** The collection's searches so far, for an index that plans for them. */
    private final Supplier<QueryWorkload> workload;

    SegmentIndexes(FileSystem fs, String directory, VectorIndexFactory factory, IndexSpec spec, VectorKernels kernels,
                   Supplier<QueryWorkload> workload) {
        this.workload = workload;
        this.fs = fs;
        this.directory = directory;
        this.factory = factory;
        this.spec = spec;
        this.kernels = kernels;
    }

    static String fileName(String segment) {
        return segment + ".index";
    }

    /** Builds the index of a new segment and persists it when the plugin can. */
    OpenIndex create(String segmentName, Segment segment) throws IOException {
        VectorIndex index = factory.build(spec, segment.vectorValues(), kernels, workload.get());
        if (!factory.supportsPersistence()) {
            return new OpenIndex(index, null, null);
        }
        String file = fileName(segmentName);
        try (WritableFile out = fs.create(directory + "/" + file)) {
            index.writeTo(new FileChannelAdapter(out));
            out.sync();
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
        return new OpenIndex(index, file, null);
    }

    /** Opens a recovered segment's index: loads {@code file} in place when there is one, else builds. */
    OpenIndex open(String segmentName, Segment segment, String file) throws IOException {
        if (file == null || !factory.supportsPersistence()) {
            return new OpenIndex(factory.build(spec, segment.vectorValues(), kernels, workload.get()), null, null);
        }
        Arena mapping = Arena.ofShared();
        try {
            MemorySegment stored;
            try (ReadableFile in = fs.openForRead(directory + "/" + file)) {
                stored = in.map(mapping);
            }
            // An index is read at random all over, and whole: worth huge pages where the pages
            // still come from disk (decision 0010). Not segments, whose payloads may not all be
            // wanted in memory and would be read 2 MiB at a time.
            LargePages.advise(stored);
            return new OpenIndex(factory.load(spec, segment.vectorValues(), kernels, stored), file, mapping);
        } catch (IndexFormatException e) {
            mapping.close();
            LOG.log(Level.WARNING, "the index {0}/{1} of {2} cannot be loaded ({3}); rebuilding it in memory",
                    directory, file, segmentName, e.getMessage());
            return new OpenIndex(factory.build(spec, segment.vectorValues(), kernels, workload.get()), file, null);
        } catch (IOException | RuntimeException e) {
            mapping.close();
            throw e;
        }
    }

    /** {@link WritableByteChannel} over the filesystem SPI's {@link WritableFile}. */
    private static final class FileChannelAdapter implements WritableByteChannel {
        private final WritableFile file;
        private boolean open = true;

        FileChannelAdapter(WritableFile file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int bytes = source.remaining();
            file.write(source);
            source.position(source.limit());
            return bytes;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false; // the caller closes the file
        }
    }
}
