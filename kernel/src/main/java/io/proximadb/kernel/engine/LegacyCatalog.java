package io.proximadb.kernel.engine;

import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.kernel.wal.FsyncPolicy;
import io.proximadb.kernel.wal.WalOptions;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.wal.WalEntry;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves the catalog of a data directory written before the metadata store existed (a log of
 * creations and drops in {@code catalog/}, its codec named in {@code catalog.codec}) into the
 * metadata store, keeping every collection's directory, then deletes the old files. Safe to
 * repeat: a crash before the deletion leaves the old log, and adopting an entry twice changes
 * nothing.
 */
final class LegacyCatalog {

    static final String LOG_DIRECTORY = "catalog";
    static final String CODEC_FILE = "catalog.codec";
    private static final System.Logger LOG = System.getLogger(LegacyCatalog.class.getName());

    private LegacyCatalog() {
    }

    static void migrate(FileSystem fs, PluginRegistry plugins, Catalog catalog) throws IOException {
        if (!fs.exists(CODEC_FILE)) {
            return;
        }
        String codec;
        try (ReadableFile file = fs.openForRead(CODEC_FILE)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
            file.readFully(bytes, 0);
            codec = new String(bytes.array(), StandardCharsets.UTF_8).trim();
        }
        Map<String, Catalog.Entry> live = new LinkedHashMap<>();
        WalOptions options = WalOptions.defaults().withFsync(FsyncPolicy.ALWAYS);
        try (WriteAheadLog log = WriteAheadLog.open(fs, LOG_DIRECTORY, plugins.get(PluginKind.WAL_CODEC, codec), options,
                entry -> {
                    switch (entry) {
                        case WalEntry.CreateCollection create -> live.put(create.spec().name(),
                                new Catalog.Entry(create.spec(), create.spec().name() + "-" + create.sequence()));
                        case WalEntry.DropCollection drop -> live.remove(drop.collection());
                        default -> throw new IllegalStateException("unexpected entry in the catalog log: " + entry);
                    }
                })) {
            for (Catalog.Entry entry : live.values()) {
                catalog.adopt(entry);
            }
        }
        fs.delete(LOG_DIRECTORY);
        fs.delete(CODEC_FILE);
        fs.syncDirectory("");
        LOG.log(Level.INFO, "moved {0} collection(s) from the old catalog log into the metadata store", live.size());
    }
}
