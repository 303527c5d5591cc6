package io.proximadb.storage.metastore.wal;

import java.io.IOException;

/** A file of the {@code wal} metadata store is damaged where a crash cannot explain it. */
public final class MetadataCorruptionException extends IOException {

    private final String file;
    private final long offset;

    MetadataCorruptionException(String file, long offset, String reason) {
        super(file + " at offset " + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    /** The damaged file's path on the store's filesystem. */
    public String file() {
        return file;
    }

    /** Where the damage starts, in bytes from the start of the file. */
    public long offset() {
        return offset;
    }
}
