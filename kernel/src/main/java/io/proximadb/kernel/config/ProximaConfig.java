package io.proximadb.kernel.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings a database runs with, one field (or one field of {@link StorageConfig}) per key of
 * {@link Settings}. Make one with {@link #defaults()} or {@link ConfigLoader}, adjust it with
 * {@link #with(String, Object)} or the {@code with...} shortcuts.
 */
public record ProximaConfig(Path dataDirectory, List<Path> pluginPath, String filesystem, String defaultMemtable,
                            String defaultWalCodec, String defaultIndex, String walFsync, long walIntervalMillis,
                            long walFileBytes, boolean walSkipCorrupt, String metadataStore, StorageConfig storage) {

    public ProximaConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(storage, "storage");
        pluginPath = List.copyOf(pluginPath);
    }

    /** Every setting at its documented default. */
    public static ProximaConfig defaults() {
        return fromValues(ConfigLoader.defaultValues());
    }

    /** The database's configuration from values by key, as {@link ConfigLoader#values} returns them. */
    @SuppressWarnings("unchecked")
    public static ProximaConfig fromValues(Map<String, Object> values) {
        return new ProximaConfig(
                Path.of((String) values.get(Settings.DATA_DIR.key())),
                ((List<String>) values.get(Settings.PLUGIN_PATH.key())).stream().map(Path::of).toList(),
                (String) values.get(Settings.FILESYSTEM.key()),
                (String) values.get(Settings.DEFAULT_MEMTABLE.key()),
                (String) values.get(Settings.DEFAULT_WAL_CODEC.key()),
                (String) values.get(Settings.DEFAULT_INDEX.key()),
                (String) values.get(Settings.WAL_FSYNC.key()),
                (Long) values.get(Settings.WAL_INTERVAL_MS.key()),
                (Long) values.get(Settings.WAL_FILE_BYTES.key()),
                (Boolean) values.get(Settings.WAL_SKIP_CORRUPT.key()),
                (String) values.get(Settings.METADATA_STORE.key()),
                new StorageConfig(
                        (String) values.get(Settings.SEGMENT_FORMAT.key()),
                        (String) values.get(Settings.COMPRESSION.key()),
                        intValue(values, Settings.COMPRESSION_LEVEL),
                        intValue(values, Settings.BITMAP_MAX_DISTINCT),
                        (Long) values.get(Settings.FLUSH_BYTES.key()),
                        intValue(values, Settings.MAX_FROZEN_MEMTABLES),
                        (Boolean) values.get(Settings.COMPACTION_ENABLED.key()),
                        intValue(values, Settings.COMPACTION_MIN_MERGE),
                        intValue(values, Settings.COMPACTION_MAX_MERGE),
                        intValue(values, Settings.COMPACTION_TIER_FACTOR),
                        (Long) values.get(Settings.COMPACTION_MAX_BYTES_PER_SECOND.key())));
    }

    private static int intValue(Map<String, Object> values, Setting setting) {
        long value = (Long) values.get(setting.key());
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new ConfigException(setting.key() + " is out of range: " + value);
        }
        return (int) value;
    }

    /** The settings as key → value, for {@code proxima config} style listings. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new TreeMap<>();
        map.put(Settings.DATA_DIR.key(), dataDirectory.toString());
        map.put(Settings.PLUGIN_PATH.key(), pluginPath.stream().map(Path::toString).toList());
        map.put(Settings.FILESYSTEM.key(), filesystem);
        map.put(Settings.DEFAULT_MEMTABLE.key(), defaultMemtable);
        map.put(Settings.DEFAULT_WAL_CODEC.key(), defaultWalCodec);
        map.put(Settings.DEFAULT_INDEX.key(), defaultIndex);
        map.put(Settings.WAL_FSYNC.key(), walFsync);
        map.put(Settings.WAL_INTERVAL_MS.key(), walIntervalMillis);
        map.put(Settings.WAL_FILE_BYTES.key(), walFileBytes);
        map.put(Settings.WAL_SKIP_CORRUPT.key(), walSkipCorrupt);
        map.put(Settings.METADATA_STORE.key(), metadataStore);
        map.put(Settings.SEGMENT_FORMAT.key(), storage.segmentFormat());
        map.put(Settings.COMPRESSION.key(), storage.compression());
        map.put(Settings.COMPRESSION_LEVEL.key(), (long) storage.compressionLevel());
        map.put(Settings.BITMAP_MAX_DISTINCT.key(), (long) storage.bitmapMaxDistinct());
        map.put(Settings.FLUSH_BYTES.key(), storage.flushBytes());
        map.put(Settings.MAX_FROZEN_MEMTABLES.key(), (long) storage.maxFrozenMemtables());
        map.put(Settings.COMPACTION_ENABLED.key(), storage.compactionEnabled());
        map.put(Settings.COMPACTION_MIN_MERGE.key(), (long) storage.compactionMinMerge());
        map.put(Settings.COMPACTION_MAX_MERGE.key(), (long) storage.compactionMaxMerge());
        map.put(Settings.COMPACTION_TIER_FACTOR.key(), (long) storage.compactionTierFactor());
        map.put(Settings.COMPACTION_MAX_BYTES_PER_SECOND.key(), storage.compactionBytesPerSecond());
        return map;
    }

    /**
     * A copy with one setting changed, checked as the loader checks a {@code --set}: the key must
     * exist and the value must have its type ({@code int} and {@code long} both serve integers).
     *
     * @throws ConfigException naming the key and the problem
     */
    public ProximaConfig with(String key, Object value) {
        Setting setting = Settings.byKey(key);
        if (setting == null) {
            throw new ConfigException("unknown setting '" + key + "'; known: " + Settings.BY_KEY.keySet());
        }
        Object normalized = value instanceof Integer i ? Long.valueOf(i) : value;
        if (normalized instanceof Path path) {
            normalized = path.toString();
        }
        ConfigLoader.checkValue(setting, normalized, "with(" + key + ")");
        Map<String, Object> values = asMap();
        values.put(key, normalized);
        return fromValues(values);
    }

    public ProximaConfig withDataDirectory(Path directory) {
        return with(Settings.DATA_DIR.key(), directory);
    }

    public ProximaConfig withPluginPath(List<Path> path) {
        return with(Settings.PLUGIN_PATH.key(), path.stream().map(Path::toString).toList());
    }

    public ProximaConfig withWalFsync(String fsync) {
        return with(Settings.WAL_FSYNC.key(), fsync);
    }

    public ProximaConfig withDefaultWalCodec(String codec) {
        return with(Settings.DEFAULT_WAL_CODEC.key(), codec);
    }

    public ProximaConfig withDefaultMemtable(String memtable) {
        return with(Settings.DEFAULT_MEMTABLE.key(), memtable);
    }
}
