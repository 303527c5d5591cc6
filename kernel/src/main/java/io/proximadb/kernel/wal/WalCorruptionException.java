package io.proximadb.kernel.wal;

import java.io.IOException;

/**
 * A log that cannot be recovered as written: a checksum or format failure that is not a torn
 * tail. Names the file and the byte offset so that an operator can inspect, truncate or move the
 * file, or reopen with {@link WalOptions#skipCorrupt()} to skip damaged ranges.
 */
public final class WalCorruptionException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public WalCorruptionException(String file, long offset, String reason) {
        this(file, offset, reason, null);
    }

    public WalCorruptionException(String file, long offset, String reason, Throwable cause) {
        super("corrupt write-ahead log file " + file + " at offset " + offset + ": " + reason
                + " (reopen with skipCorrupt to skip damaged ranges)", cause);
        this.file = file;
        this.offset = offset;
    }

    /** The path of the damaged file within its filesystem. */
    public String file() {
        return file;
    }

    /** The byte offset of the damage within {@link #file()}. */
    public long offset() {
        return offset;
    }
}
