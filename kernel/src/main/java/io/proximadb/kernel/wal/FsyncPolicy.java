package io.proximadb.kernel.wal;

/**
 * When appended entries are made durable. An acknowledged append (one whose call returned)
 * survives a process crash under every policy, because the bytes are in the operating system's
 * page cache; it survives an operating-system crash or power loss only as described here.
 */
public enum FsyncPolicy {
    /** Every append fsyncs before returning, alone. Durable on return; one fsync per append. */
    ALWAYS,
    /**
     * Group commit: concurrent appends share one fsync. Durable on return, like {@link #ALWAYS},
     * at a fraction of the fsyncs when many threads write.
     */
    GROUP,
    /**
     * A background thread fsyncs every {@link WalOptions#intervalMillis()}; appends return after
     * the write. A power loss may lose the last interval.
     */
    INTERVAL,
    /** No fsync except on close: only for data that can be rebuilt (tests, ephemeral collections). */
    NONE
}
