package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.metastore.MetadataMutation;
import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** Opening {@code wal} stores on a given filesystem and editing their files behind their back. */
final class WalFixture {

    static final String DIRECTORY = "meta";

    private WalFixture() {
    }

    static MetadataStore open(FileSystem fs, long snapshotBytes) throws IOException {
        return new WalMetadataStoreProvider().open(new MetadataStoreContext(fs, DIRECTORY, null,
                Map.of(WalMetadataStoreProvider.SNAPSHOT_BYTES, Long.toString(snapshotBytes))));
    }

    static String logPath(long base) {
        return StoreFiles.path(DIRECTORY, StoreFiles.logName(base));
    }

    static String snapshotPath(long revision) {
        return StoreFiles.path(DIRECTORY, StoreFiles.snapshotName(revision));
    }

    static byte[] read(FileSystem fs, String path) throws IOException {
        return StoreFiles.readAll(fs, path);
    }

    /** Replaces a file's bytes, as damage or a crash would leave them. */
    static void write(FileSystem fs, String path, byte[] bytes) throws IOException {
        fs.delete(path);
        try (WritableFile file = fs.create(path)) {
            file.write(ByteBuffer.wrap(bytes));
            file.sync();
        }
    }

    /** A commit that puts {@code key} = {@code value}. */
    static List<MetadataMutation> put(String key, String value) {
        return List.of(new MetadataMutation.Put(key, value));
    }

    /** The frame length of a one-put commit record, so that tests can find record boundaries. */
    static int frameLength(long revision, String key, String value) {
        return LogFormat.frame(new CommitRecord(revision, put(key, value)).encode()).length;
    }
}
