package io.proximadb.kernel.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The settings a database runs with, one field per key of {@link Settings}. Make one with
 * {@link #defaults()} or {@link ConfigLoader}, adjust it with the {@code with...} methods.
 */
public record ProximaConfig(Path dataDirectory, List<Path> pluginPath, String filesystem, String defaultMemtable,
                            String defaultWalCodec, String defaultIndex, String walFsync, long walIntervalMillis,
                            long walFileBytes, boolean walSkipCorrupt) {

    public ProximaConfig {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        pluginPath = List.copyOf(pluginPath);
    }

    /** Every setting at its documented default. */
    public static ProximaConfig defaults() {
        return fromValues(ConfigLoader.defaultValues());
    }

    @SuppressWarnings("unchecked")
    static ProximaConfig fromValues(Map<String, Object> values) {
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
                (Boolean) values.get(Settings.WAL_SKIP_CORRUPT.key()));
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
        return map;
    }

    public ProximaConfig withDataDirectory(Path directory) {
        return new ProximaConfig(directory, pluginPath, filesystem, defaultMemtable, defaultWalCodec, defaultIndex,
                walFsync, walIntervalMillis, walFileBytes, walSkipCorrupt);
    }

    public ProximaConfig withPluginPath(List<Path> path) {
        return new ProximaConfig(dataDirectory, path, filesystem, defaultMemtable, defaultWalCodec, defaultIndex,
                walFsync, walIntervalMillis, walFileBytes, walSkipCorrupt);
    }

    public ProximaConfig withWalFsync(String fsync) {
        return new ProximaConfig(dataDirectory, pluginPath, filesystem, defaultMemtable, defaultWalCodec, defaultIndex,
                fsync, walIntervalMillis, walFileBytes, walSkipCorrupt);
    }

    public ProximaConfig withDefaultWalCodec(String codec) {
        return new ProximaConfig(dataDirectory, pluginPath, filesystem, defaultMemtable, codec, defaultIndex,
                walFsync, walIntervalMillis, walFileBytes, walSkipCorrupt);
    }

    public ProximaConfig withDefaultMemtable(String memtable) {
        return new ProximaConfig(dataDirectory, pluginPath, filesystem, memtable, defaultWalCodec, defaultIndex,
                walFsync, walIntervalMillis, walFileBytes, walSkipCorrupt);
    }
}
