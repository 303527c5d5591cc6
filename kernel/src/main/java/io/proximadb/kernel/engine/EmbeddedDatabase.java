package io.proximadb.kernel.engine;

import io.proximadb.api.Collection;
import io.proximadb.api.CollectionConfig;
import io.proximadb.api.CollectionInfo;
import io.proximadb.api.ProximaDB;
import io.proximadb.api.ProximaException;
import io.proximadb.kernel.config.ProximaConfig;
import io.proximadb.kernel.plugin.PluginKind;
import io.proximadb.kernel.plugin.PluginRegistry;
import io.proximadb.kernel.wal.FsyncPolicy;
import io.proximadb.kernel.wal.WalOptions;
import io.proximadb.kernel.wal.WriteAheadLog;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.fs.FileSystem;
import io.proximadb.kernel.config.StorageConfig;
import io.proximadb.kernel.storage.CollectionStorage;
import io.proximadb.kernel.storage.SegmentFiles;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.segment.SegmentFormat;
import io.proximadb.spi.segment.SegmentWriteOptions;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The embedded engine: a catalog of collections on one filesystem.
 *
 * <p>On-disk layout under the data directory:
 * <pre>
 * meta/               the catalog, kept by the metadata-store plugin (metadata.store)
 * collections/NAME-N/ one directory per collection incarnation (N tells incarnations apart),
 *   MANIFEST          its live segments and flushed sequence (docs/formats/manifest.md)
 *   segments/         its segments and their deletion files
 *   wal/              its log: the writes not yet in segments
 * plugins/            plugin jars, loaded at open
 * </pre>
 * Creation is committed to the catalog before the collection's directory exists; a drop is
 * committed before the directory is deleted. Opening deletes collection directories the catalog
 * does not name (left by a crash between the two steps), then recovers each collection: its
 * manifest's segments, then its log after the flushed sequence.
 *
 * <p>Thread-safe; creations and drops are serialised, everything else runs concurrently.
 */
public final class EmbeddedDatabase implements ProximaDB {

    private static final System.Logger LOG = System.getLogger(EmbeddedDatabase.class.getName());
    static final String COLLECTIONS = "collections";
    static final String INDEX_OPTION_PREFIX = "index.";

    private final ProximaConfig config;
    private final PluginRegistry plugins;
    private final FileSystem fs;
    private final Catalog catalog;
    private final VectorKernels kernels = VectorKernelsProvider.best();
    private final Clock clock;
    private final Map<String, CollectionEngine> open = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private EmbeddedDatabase(ProximaConfig config, PluginRegistry plugins, FileSystem fs, Clock clock) {
        this.config = config;
        this.plugins = plugins;
        this.fs = fs;
        this.clock = clock;
        Path local = config.filesystem().equals("file") ? config.dataDirectory().toAbsolutePath().normalize() : null;
        this.catalog = Catalog.open(fs, plugins, config.metadataStore(), local);
    }

    public static EmbeddedDatabase open(ProximaConfig config) {
        return open(config, Clock.systemUTC());
    }

    /** Opens with an explicit clock, which decides when records expire. */
    public static EmbeddedDatabase open(ProximaConfig config, Clock clock) {
        Path dataDirectory = config.dataDirectory().toAbsolutePath().normalize();
        List<Path> pluginDirectories = Stream.concat(config.pluginPath().stream(), Stream.of(dataDirectory.resolve("plugins")))
                .toList();
        PluginRegistry plugins = PluginRegistry.withPluginDirectories(pluginDirectories);
        FileSystem fs;
        try {
            fs = plugins.get(PluginKind.FILESYSTEM, config.filesystem()).open(dataDirectory);
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("cannot open data directory " + dataDirectory + ": " + e.getMessage(), e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(config, plugins, fs, clock);
        try {
            database.recover();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        LOG.log(Level.INFO, "opened {0}: {1} collection(s); plugins: {2}", dataDirectory, database.open.size(), plugins);
        return database;
    }

    private void recover() {
        try {
            LegacyCatalog.migrate(fs, plugins, catalog);
            List<String> expected = new ArrayList<>();
            for (Catalog.Entry entry : catalog.live()) {
                expected.add(entry.directory());
                open.put(entry.spec().name(), openCollection(entry));
            }
            for (String directory : fs.list(COLLECTIONS)) {
                if (!expected.contains(directory)) {
                    LOG.log(Level.INFO, "deleting {0}/{1}: no collection in the catalog owns it", COLLECTIONS, directory);
                    fs.delete(COLLECTIONS + "/" + directory);
                }
            }
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("recovery failed: " + e.getMessage(), e);
        }
    }

    private CollectionEngine openCollection(Catalog.Entry entry) throws IOException {
        CollectionSpec spec = entry.spec();
        String directory = COLLECTIONS + "/" + entry.directory();
        StorageConfig storageConfig = config.storage();
        SegmentFormat format = plugins.get(PluginKind.SEGMENT_FORMAT, storageConfig.segmentFormat());
        VectorIndexFactory index = plugins.get(PluginKind.INDEX, spec.index());
        IndexSpec indexSpec = new IndexSpec(spec.dimension(), spec.metric(), indexParameters(spec));
        SegmentWriteOptions writeOptions = new SegmentWriteOptions(spec.dimension(), storageConfig.compression(),
                storageConfig.compressionLevel(), storageConfig.bitmapMaxDistinct());
        VisibleSequence visible = new VisibleSequence(0);
        WorkloadRecorder workload = new WorkloadRecorder(clock);
        CollectionStorage storage = CollectionStorage.open(spec.name(), fs, directory,
                segments -> new SegmentFiles(fs, segments, format, writeOptions, index, indexSpec, kernels,
                        workload::snapshot),
                plugins.get(PluginKind.MEMTABLE, spec.memtable()), storageConfig, clock, visible::published);
        WriteAheadLog log;
        try {
            long flushed = storage.flushedSequence();
            String walDirectory = directory + "/wal";
            fs.createDirectories(walDirectory);
            // The new directories' names, before anything in them is acknowledged: a crash must not
            // leave the catalog naming a collection whose directory never reached the disk.
            fs.syncDirectory(directory);
            fs.syncDirectory(COLLECTIONS);
            log = WriteAheadLog.open(fs, walDirectory, plugins.get(PluginKind.WAL_CODEC, spec.walCodec()), walOptions(), flushed,
                    recovered -> {
                        if (recovered.sequence() > flushed) {
                            storage.apply(recovered);
                        }
                    });
        } catch (IOException | RuntimeException e) {
            storage.close();
            throw e;
        }
        if (log.lastSequence() > 0) {
            visible.complete(1, log.lastSequence());
        }
        storage.start(log::lastSequence, log::truncateBefore);
        // Search parameters (ef, nprobe) are checked by an empty index of the collection's kind, so
        // that they are accepted or refused the same way whether or not segments exist yet.
        VectorIndex parameterCheck = index.build(indexSpec, new NoVectors(spec.dimension()), kernels);
        return new CollectionEngine(spec, storage, log, visible, parameterCheck, kernels, clock, workload);
    }

    /**
     * Builds the collection's index over no vectors, so that a parameter the index does not know
     * fails the creation now, not the first flush in the background.
     */
    private void checkIndexParameters(CollectionSpec spec, VectorIndexFactory index) {
        IndexSpec indexSpec = new IndexSpec(spec.dimension(), spec.metric(), indexParameters(spec));
        try {
            index.build(indexSpec, new NoVectors(spec.dimension()), kernels).close();
        } catch (IllegalArgumentException e) {
            throw new ProximaException.InvalidArgument("index '" + spec.index() + "' of collection '" + spec.name()
                    + "': " + e.getMessage());
        }
    }

    /** The collection options that parameterise its index: {@code index.m = 16} gives the index {@code m = 16}. */
    private static Map<String, String> indexParameters(CollectionSpec spec) {
        Map<String, String> parameters = new java.util.TreeMap<>();
        spec.options().forEach((key, value) -> {
            if (key.startsWith(INDEX_OPTION_PREFIX)) {
                parameters.put(key.substring(INDEX_OPTION_PREFIX.length()), value);
            }
        });
        return parameters;
    }

    WalOptions walOptions() {
        return new WalOptions(FsyncPolicy.valueOf(config.walFsync().toUpperCase(Locale.ROOT)),
                config.walIntervalMillis(), config.walFileBytes(), config.walSkipCorrupt());
    }

    /** The plugins this database found. */
    public PluginRegistry plugins() {
        return plugins;
    }

    @Override
    public synchronized Collection createCollection(CollectionConfig request) {
        checkOpen();
        RecordValidator.checkCollectionName(request.name());
        RecordValidator.checkDimension(request.dimension());
        CollectionSpec spec = new CollectionSpec(request.name(), request.dimension(), request.metric(),
                orDefault(request.memtable(), config.defaultMemtable()),
                orDefault(request.walCodec(), config.defaultWalCodec()),
                orDefault(request.index(), config.defaultIndex()), request.options());
        // Resolve every plugin before logging anything: an unknown name must change nothing.
        plugins.get(PluginKind.MEMTABLE, spec.memtable());
        plugins.get(PluginKind.WAL_CODEC, spec.walCodec());
        checkIndexParameters(spec, plugins.get(PluginKind.INDEX, spec.index()));
        plugins.get(PluginKind.SEGMENT_FORMAT, config.storage().segmentFormat());
        if (open.containsKey(spec.name())) {
            throw new ProximaException.CollectionExists(spec.name());
        }
        try {
            Catalog.Entry entry = catalog.create(spec);
            CollectionEngine collection = openCollection(entry);
            open.put(spec.name(), collection);
            return collection;
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("cannot create collection '" + spec.name() + "': " + e.getMessage(), e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public Collection collection(String name) {
        checkOpen();
        CollectionEngine collection = open.get(name);
        if (collection == null) {
            throw new ProximaException.CollectionNotFound(name);
        }
        return collection;
    }

    @Override
    public List<CollectionInfo> listCollections() {
        checkOpen();
        return open.values().stream().map(CollectionEngine::describe)
                .sorted(Comparator.comparing(CollectionInfo::name)).toList();
    }

    @Override
    public synchronized void dropCollection(String name) {
        checkOpen();
        CollectionEngine collection = open.get(name);
        if (collection == null) {
            throw new ProximaException.CollectionNotFound(name);
        }
        try {
            String directory = catalog.drop(name);
            open.remove(name);
            collection.closeForDrop();
            fs.delete(COLLECTIONS + "/" + directory);
            fs.syncDirectory(COLLECTIONS);
        } catch (IOException e) {
            throw new ProximaException.StorageFailure("cannot drop collection '" + name + "': " + e.getMessage(), e);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the database is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Exception> failures = new ArrayList<>();
        for (CollectionEngine collection : open.values()) {
            try {
                collection.close();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        open.clear();
        try {
            catalog.close();
            fs.close();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            ProximaException failure = new ProximaException.StorageFailure("closing the database failed: "
                    + failures.getFirst().getMessage(), failures.getFirst());
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
