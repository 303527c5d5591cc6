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
    public static final Setting METADATA_STORE = new Setting("metadata.store", Type.STRING, "wal", List.of(),
            "The metadata-store plugin that keeps the catalog: wal (a log and snapshot in <data_dir>/meta), "
                    + "sqlite (<data_dir>/meta/catalog.db) or memory (lost at close; for tests).");
    public static final Setting SEGMENT_FORMAT = new Setting("storage.segment_format", Type.STRING, "viper", List.of(),
            "The segment-format plugin that writes flushed and compacted segments.");
    public static final Setting COMPRESSION = new Setting("storage.compression", Type.STRING, "zstd",
            List.of("zstd", "lz4", "none"),
            "Codec of the compressed segment columns (ids, metadata, bitmaps); vectors stay raw for memory mapping.");
    public static final Setting COMPRESSION_LEVEL = new Setting("storage.compression_level", Type.INTEGER, 3L, List.of(),
            "zstd level, 1 (fastest) to 22 (smallest); ignored by lz4 and none.");
    public static final Setting BITMAP_MAX_DISTINCT = new Setting("storage.bitmap_max_distinct", Type.INTEGER, 1024L,
            List.of(), "A metadata field gets a bitmap index in a segment when it has at most this many distinct "
                    + "values there; 0 turns bitmap indexes off.");
    public static final Setting FLUSH_BYTES = new Setting("storage.flush_bytes", Type.INTEGER, 64L * 1024 * 1024,
            List.of(), "Memtable size in bytes at which it is frozen and flushed to a segment in the background.");
    public static final Setting MAX_FROZEN_MEMTABLES = new Setting("storage.max_frozen_memtables", Type.INTEGER, 2L,
            List.of(), "Frozen memtables that may wait for their flush before writers wait too (back-pressure).");
    public static final Setting COMPACTION_ENABLED = new Setting("compaction.enabled", Type.BOOLEAN, true, List.of(),
            "Merge segments in the background with the size-tiered policy.");
    public static final Setting COMPACTION_MIN_MERGE = new Setting("compaction.min_merge", Type.INTEGER, 4L, List.of(),
            "Segments of one size tier that trigger a merge.");
    public static final Setting COMPACTION_MAX_MERGE = new Setting("compaction.max_merge", Type.INTEGER, 10L, List.of(),
            "Most segments merged at once.");
    public static final Setting COMPACTION_TIER_FACTOR = new Setting("compaction.tier_factor", Type.INTEGER, 4L,
            List.of(), "Segments are in one tier when the largest is at most this many times the smallest.");
    public static final Setting COMPACTION_MAX_BYTES_PER_SECOND = new Setting("compaction.max_bytes_per_second",
            Type.INTEGER, 256L * 1024 * 1024, List.of(),
            "Write rate limit of a merge, so that it leaves disk bandwidth to flushes and the log; 0 for no limit.");

    public static final List<Setting> ALL = List.of(DATA_DIR, PLUGIN_PATH, FILESYSTEM, DEFAULT_MEMTABLE,
            DEFAULT_WAL_CODEC, DEFAULT_INDEX, WAL_FSYNC, WAL_INTERVAL_MS, WAL_FILE_BYTES, WAL_SKIP_CORRUPT,
            METADATA_STORE, SEGMENT_FORMAT, COMPRESSION, COMPRESSION_LEVEL, BITMAP_MAX_DISTINCT, FLUSH_BYTES,
            MAX_FROZEN_MEMTABLES, COMPACTION_ENABLED, COMPACTION_MIN_MERGE, COMPACTION_MAX_MERGE,
            COMPACTION_TIER_FACTOR, COMPACTION_MAX_BYTES_PER_SECOND);

    static final Map<String, Setting> BY_KEY = ALL.stream().collect(Collectors.toMap(Setting::key, Function.identity()));

    private Settings() {
    }

    /** The setting with this key, or {@code null}. */
    public static Setting byKey(String key) {
        return BY_KEY.get(key);
    }
}
