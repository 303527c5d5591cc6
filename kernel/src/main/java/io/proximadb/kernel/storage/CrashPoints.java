package io.proximadb.kernel.storage;

/**
 * Named steps of flush, merge, manifest replacement and log truncation at which the crash tests
 * stop the process dead. A test starts a child JVM with {@code -Dproximadb.test.crash-point=NAME};
 * when the child reaches that step it halts at once (no shutdown hooks, no buffered output), which
 * is what a {@code kill -9} at that instant would do. Without the property every call is a no-op.
 *
 * <p>The points, in the order a flush or merge meets them: {@code flush.segment-half-written},
 * {@code flush.segment-written}, {@code manifest.temp-written}, {@code manifest.renamed},
 * {@code flush.manifest-written}, {@code wal.truncating}; {@code merge.segment-half-written},
 * {@code merge.segment-written}, {@code merge.installed}, {@code merge.manifest-written}.
 */
public final class CrashPoints {

    /** The exit status of a process halted at a crash point. */
    public static final int EXIT_STATUS = 86;
    private static final String TARGET = System.getProperty("proximadb.test.crash-point");

    private CrashPoints() {
    }

    public static void reached(String point) {
        if (point.equals(TARGET)) {
            Runtime.getRuntime().halt(EXIT_STATUS);
        }
    }
}
