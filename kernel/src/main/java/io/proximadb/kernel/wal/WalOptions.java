package io.proximadb.kernel.wal;

import java.util.Objects;

/**
 * How a {@link WriteAheadLog} writes and recovers.
 *
 * @param fsync          when appends are made durable
 * @param intervalMillis the period of the background fsync under {@link FsyncPolicy#INTERVAL}
 * @param fileBytes      the size after which the next append starts a new file
 * @param skipCorrupt    on recovery, skip damaged ranges (logging each) instead of refusing to open
 */
public record WalOptions(FsyncPolicy fsync, long intervalMillis, long fileBytes, boolean skipCorrupt) {

    public static final long DEFAULT_INTERVAL_MILLIS = 100;
    public static final long DEFAULT_FILE_BYTES = 64L << 20;

    public WalOptions {
        Objects.requireNonNull(fsync, "fsync");
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be positive, got " + intervalMillis);
        }
        if (fileBytes <= 0) {
            throw new IllegalArgumentException("fileBytes must be positive, got " + fileBytes);
        }
    }

    /** Group commit, 64 MiB files, a 100 ms interval (unused by GROUP), strict recovery. */
    public static WalOptions defaults() {
        return new WalOptions(FsyncPolicy.GROUP, DEFAULT_INTERVAL_MILLIS, DEFAULT_FILE_BYTES, false);
    }

    public WalOptions withFsync(FsyncPolicy policy) {
        return new WalOptions(policy, intervalMillis, fileBytes, skipCorrupt);
    }

    public WalOptions withIntervalMillis(long millis) {
        return new WalOptions(fsync, millis, fileBytes, skipCorrupt);
    }

    public WalOptions withFileBytes(long bytes) {
        return new WalOptions(fsync, intervalMillis, bytes, skipCorrupt);
    }

    public WalOptions withSkipCorrupt(boolean skip) {
        return new WalOptions(fsync, intervalMillis, fileBytes, skip);
    }
}
