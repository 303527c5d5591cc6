package io.proximadb.storage.metastore;

import io.proximadb.spi.metastore.MetadataMutation;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * What makes a {@link HeapMetadataStore} durable: each commit's net changes are handed here
 * before they become visible, one commit at a time, in revision order.
 */
public interface CommitLog extends Closeable {

    /** Nothing is kept: the {@code memory} store. */
    CommitLog NONE = new CommitLog() {
        @Override
        public void append(long revision, List<MetadataMutation> changes) {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Makes a commit durable; it becomes visible only after this returns. Throwing aborts the
     * commit, as far as readers of this process can tell.
     */
    void append(long revision, List<MetadataMutation> changes) throws IOException;

    /** Called after each commit became visible, still serialised: the place for snapshots. */
    default void afterCommit(CommittedEntries entries) {
    }
}
