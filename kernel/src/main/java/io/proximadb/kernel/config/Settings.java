package io.proximadb.kernel.config;

import io.proximadb.kernel.config.Setting.Type;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every configuration key ProximaDB knows, with its default. */
public final class Settings {

    public static final Setting DATA_DIR = new Setting("data_dir", Type.STRING, "./data", List.of(),
            "Directory holding the database: the catalog, each collection's log, and plugins/ for plugin jars.");
    public static final Setting PLUGIN_PATH = new Setting("plugin_path", Type.STRING_LIST, List.of(), List.of(),
            "Extra directories of plugin jars, searched besides <data_dir>/plugins.");
    public static final Setting FILESYSTEM = new Setting("filesystem", Type.STRING, "file", List.of(),
            "The filesystem plugin that stores the database's files.");
    public static final Setting DEFAULT_MEMTABLE = new Setting("defaults.memtable", Type.STRING, "skiplist", List.of(),
            "Memtable plugin of collections created without one.");
    public static final Setting DEFAULT_WAL_CODEC = new Setting("defaults.wal_codec", Type.STRING, "bincode", List.of(),
            "WAL codec plugin of collections created without one, and of the catalog of a new database.");
    public static final Setting DEFAULT_INDEX = new Setting("defaults.index", Type.STRING, "flat", List.of(),
            "Vector index plugin of collections created without one.");
    public static final Setting WAL_FSYNC = new Setting("wal.fsync", Type.STRING, "group",
            List.of("always", "group", "interval", "none"),
            "When a write is acknowledged: after its own fsync (always), after an fsync shared with concurrent "
                    + "writers (group), after the write with an fsync every wal.interval_ms (interval: a process kill "
                    + "loses nothing acknowledged, a power cut may lose the last interval), or never fsynced (none).");
    public static final Setting WAL_INTERVAL_MS = new Setting("wal.interval_ms", Type.INTEGER, 100L, List.of(),
            "Milliseconds between fsyncs under wal.fsync = \"interval\".");
    public static final Setting WAL_FILE_BYTES = new Setting("wal.file_bytes", Type.INTEGER, 64L * 1024 * 1024, List.of(),
            "Size in bytes at which a log file is closed and the next one started.");
    public static final Setting WAL_SKIP_CORRUPT = new Setting("wal.skip_corrupt", Type.BOOLEAN, false, List.of(),
            "Recover past corrupt log records (each skipped range is logged) instead of refusing to open; "
                    + "a torn tail is always cut either way.");

    public static final List<Setting> ALL = List.of(DATA_DIR, PLUGIN_PATH, FILESYSTEM, DEFAULT_MEMTABLE,
            DEFAULT_WAL_CODEC, DEFAULT_INDEX, WAL_FSYNC, WAL_INTERVAL_MS, WAL_FILE_BYTES, WAL_SKIP_CORRUPT);

    static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));

    private Settings() {
    }

    /** The setting with this key, or {@code null}. */
    public static Setting byKey(String key) {
        return BY_KEY.get(key);
    }
}
