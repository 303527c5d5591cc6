package io.proximadb.storage.metastore.wal;

import io.proximadb.spi.metastore.MetadataStore;
import io.proximadb.spi.metastore.MetadataStoreContext;
import io.proximadb.spi.metastore.MetadataStoreProvider;
import io.proximadb.storage.metastore.HeapMetadataStore;
import io.proximadb.storage.metastore.StoreOptions;
import java.io.IOException;
import java.util.Set;

/**
 * The {@code wal} metadata store, the default: entries on the heap, made durable by a small log
 * of commits and a snapshot, in {@code context.directory()} through the {@code FileSystem} SPI
 * only, so it works on every filesystem plugin ({@code docs/formats/metadata-store.md}).
 *
 * <p>Option {@code snapshot_bytes} (default 1 MiB): when the log reaches this size, a snapshot of
 * every entry is written and a fresh log started. One process opens a store at a time.
 */
public final class WalMetadataStoreProvider implements MetadataStoreProvider {

    public static final String SNAPSHOT_BYTES = "snapshot_bytes";
    public static final long DEFAULT_SNAPSHOT_BYTES = 1 << 20;

    @Override
    public String name() {
        return "wal";
    }

    @Override
    public String description() {
        return "catalog as a checksummed log and snapshot on any filesystem, fsynced per commit (default)";
    }

    @Override
    public MetadataStore open(MetadataStoreContext context) throws IOException {
        StoreOptions.rejectUnknown(name(), context.options(), Set.of(SNAPSHOT_BYTES));
        long snapshotBytes = StoreOptions.positiveLong(name(), context.options(), SNAPSHOT_BYTES, DEFAULT_SNAPSHOT_BYTES);
        WalRecovery.Recovered recovered = WalRecovery.recover(context.fs(), context.directory());
        WalCommitLog log = new WalCommitLog(context.fs(), context.directory(), snapshotBytes, recovered.active());
        return new HeapMetadataStore(recovered.entries(), log);
    }
}
