package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The names of the {@code wal} store's files ({@code docs/formats/metadata-store.md}):
 * {@code log-<base revision>.log}, {@code snapshot-<revision>.snap}, and either with {@code .tmp}
 * while it is being written. Revisions are 20 zero-padded decimal digits, so names sort by number.
 */
final class StoreFiles {

    static final String LOG_PREFIX = "log-";
    static final String LOG_SUFFIX = ".log";
    static final String SNAPSHOT_PREFIX = "snapshot-";
    static final String SNAPSHOT_SUFFIX = ".snap";
    static final String TEMPORARY_SUFFIX = ".tmp";
    private static final int DIGITS = 20;

    /** What a directory holds: snapshot revisions newest first, log bases oldest first, leftover temporaries. */
    record Listing(List<Long> snapshots, List<Long> logs, List<String> temporaries) {
        boolean isEmpty() {
            return snapshots.isEmpty() && logs.isEmpty();
        }
    }

    private StoreFiles() {
    }

    static String logName(long base) {
        return LOG_PREFIX + digits(base) + LOG_SUFFIX;
    }

    static String snapshotName(long revision) {
        return SNAPSHOT_PREFIX + digits(revision) + SNAPSHOT_SUFFIX;
    }

    static String temporary(String name) {
        return name + TEMPORARY_SUFFIX;
    }

    /** The path of {@code name} in {@code directory} ({@code ""} is the filesystem's root). */
    static String path(String directory, String name) {
        return directory.isEmpty() ? name : directory + "/" + name;
    }

    /** Reads the directory; names that are not the store's are ignored. */
    static Listing list(FileSystem fs, String directory) throws IOException {
        List<Long> snapshots = new ArrayList<>();
        List<Long> logs = new ArrayList<>();
        List<String> temporaries = new ArrayList<>();
        for (String name : fs.list(directory)) {
            if (name.endsWith(TEMPORARY_SUFFIX)) {
                String finalName = name.substring(0, name.length() - TEMPORARY_SUFFIX.length());
                if (number(finalName, LOG_PREFIX, LOG_SUFFIX) >= 0 || number(finalName, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX) >= 0) {
                    temporaries.add(name);
                }
            } else if (number(name, LOG_PREFIX, LOG_SUFFIX) >= 0) {
                logs.add(number(name, LOG_PREFIX, LOG_SUFFIX));
            } else if (number(name, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX) >= 0) {
                snapshots.add(number(name, SNAPSHOT_PREFIX, SNAPSHOT_SUFFIX));
            }
        }
        snapshots.sort(Comparator.reverseOrder());
        logs.sort(Comparator.naturalOrder());
        return new Listing(List.copyOf(snapshots), List.copyOf(logs), List.copyOf(temporaries));
    }

    /** A whole file; the store's files are small (a log is cut at {@code snapshot_bytes}). */
    static byte[] readAll(FileSystem fs, String path) throws IOException {
        try (ReadableFile file = fs.openForRead(path)) {
            long size = file.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException(path + " is " + size + " bytes; metadata files are limited to 2 GiB");
            }
            byte[] bytes = new byte[(int) size];
            file.readFully(ByteBuffer.wrap(bytes), 0);
            return bytes;
        }
    }

    private static String digits(long number) {
        String text = Long.toString(number);
        return "0".repeat(DIGITS - text.length()) + text;
    }

    /** The number in {@code prefix<20 digits>suffix}, or -1 when the name has another shape. */
    private static long number(String name, String prefix, String suffix) {
        if (name.length() != prefix.length() + DIGITS + suffix.length() || !name.startsWith(prefix) || !name.endsWith(suffix)) {
            return -1;
        }
        String digits = name.substring(prefix.length(), prefix.length() + DIGITS);
        if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
