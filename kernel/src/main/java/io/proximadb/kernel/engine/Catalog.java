package io.proximadb.kernel.engine;

import io.proximadb.api.ProximaException;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.kernel.wal.FsyncPolicy;
import io.proximadb.kernel.wal.WalOptions;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.spi.fs.ReadableFile;
import io.proximadb.spi.fs.WritableFile;
import io.proximadb.spi.wal.WalEntry;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The list of collections, kept as a log of creations and drops. Always fsynced before a change
 * returns, whatever the data logs' policy: catalog changes are rare and losing one would orphan or
 * resurrect a whole collection.
 *
 * <p>The catalog's own codec is fixed when the database is created and remembered in
 * {@code catalog.codec}, so changing {@code defaults.wal_codec} later affects new collections only.
 * Not thread-safe: the database serialises calls.
 */
final class Catalog implements Closeable {

    /** A live collection and the directory (under {@code collections/}) that holds it. */
    record Entry(CollectionSpec spec, String directory) {
    }

    static final String LOG_DIRECTORY = "catalog";
    static final String CODEC_FILE = "catalog.codec";

    private final WriteAheadLog log;
    private final Map<String, Entry> live;

    private Catalog(WriteAheadLog log, Map<String, Entry> live) {
        this.log = log;
        this.live = live;
    }

    static Catalog open(FileSystem fs, PluginRegistry plugins, ProximaConfig config, WalOptions dataOptions) {
        try {
            String codecName = codecName(fs, config.defaultWalCodec());
            WalOptions options = new WalOptions(FsyncPolicy.ALWAYS, dataOptions.intervalMillis(),
                    dataOptions.fileBytes(), dataOptions.skipCorrupt());
            Map<String, Entry> live = new LinkedHashMap<>();
            fs.createDirectories(LOG_DIRECTORY);
            WriteAheadLog log = WriteAheadLog.open(fs, LOG_DIRECTORY, plugins.get(PluginKind.WAL_CODEC, codecName),
                    options, entry -> apply(live, entry));
            return new Catalog(log, live);
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("cannot open the catalog: " + e.getMessage(), e);
        }
    }

    private static void apply(Map<String, Entry> live, WalEntry entry) {
        switch (entry) {
            case WalEntry.CreateCollection create -> live.put(create.spec().name(),
                    new Entry(create.spec(), directoryName(create.spec().name(), create.sequence())));
            case WalEntry.DropCollection drop -> live.remove(drop.collection());
            default -> throw new IllegalStateException("unexpected entry in the catalog log: " + entry);
        }
    }

    private static String directoryName(String collection, long sequence) {
        return collection + "-" + sequence;
    }

    /** Reads the catalog's codec name, writing the default on a new database. */
    private static String codecName(FileSystem fs, String defaultCodec) throws IOException {
        if (fs.exists(CODEC_FILE)) {
            try (ReadableFile file = fs.openForRead(CODEC_FILE)) {
                ByteBuffer bytes = ByteBuffer.allocate((int) file.size());
                file.readFully(bytes, 0);
                return new String(bytes.array(), StandardCharsets.UTF_8).trim();
            }
        }
        String temporary = CODEC_FILE + ".tmp";
        fs.delete(temporary);
        try (WritableFile file = fs.create(temporary)) {
            file.write(ByteBuffer.wrap((defaultCodec + "\n").getBytes(StandardCharsets.UTF_8)));
            file.sync();
        }
        fs.rename(temporary, CODEC_FILE);
        fs.syncDirectory("");
        return defaultCodec;
    }

    List<Entry> live() {
        return new ArrayList<>(live.values());
    }

    Entry create(CollectionSpec spec) throws IOException {
        WalEntry logged = log.append(List.of(new WalEntry.CreateCollection(0, spec))).getFirst();
        Entry entry = new Entry(spec, directoryName(spec.name(), logged.sequence()));
        live.put(spec.name(), entry);
        return entry;
    }

    /** Logs the drop and returns the directory that held the collection. */
    String drop(String name) throws IOException {
        Entry entry = live.get(name);
        log.append(List.of(new WalEntry.DropCollection(0, name)));
        live.remove(name);
        return entry.directory();
    }

    @Override
    public void close() throws IOException {
        log.close();
    }
}
