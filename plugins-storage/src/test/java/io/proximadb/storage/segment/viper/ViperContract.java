package io.proximadb.storage.segment.viper;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentFormatContractTest;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.storage.fs.local.LocalFileSystemProvider;
import io.proximadb.storage.fs.memory.MemoryFileSystemProvider;
import java.io.IOException;
import java.nio.file.Path;

/** The segment-format contract for VIPER under one compression, on the local disk or in memory. */
abstract class ViperContract extends SegmentFormatContractTest {

    private final String compression;
    private final boolean inMemory;
    private final int bitmapMaxDistinct;

    ViperContract(String compression, boolean inMemory, int bitmapMaxDistinct) {
        this.compression = compression;
        this.inMemory = inMemory;
        this.bitmapMaxDistinct = bitmapMaxDistinct;
    }

    @Override
    protected SegmentFormat format() {
        return new ViperFormat();
    }

    @Override
    protected FileSystem openFileSystem(Path directory) throws IOException {
        return inMemory ? new MemoryFileSystemProvider().open(directory) : new LocalFileSystemProvider().open(directory);
    }

    @Override
    protected SegmentWriteOptions options(int dimension) {
        return new SegmentWriteOptions(dimension, compression, SegmentWriteOptions.DEFAULT_LEVEL, bitmapMaxDistinct);
    }
}
