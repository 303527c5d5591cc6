package io.proximadb.kernel.config;

/**
 * How collections turn memtables into segments and merge them: the {@code storage.*} and
 * {@code compaction.*} keys of {@link Settings}.
 *
 * @param segmentFormat            the segment-format plugin
 * @param compression              {@code zstd}, {@code lz4} or {@code none}
 * @param compressionLevel         the zstd level
 * @param bitmapMaxDistinct        the most distinct values a field may have to get bitmap indexes
 * @param flushBytes               the memtable size that triggers a flush
 * @param maxFrozenMemtables       frozen memtables allowed to wait for a flush before writers wait
 * @param compactionEnabled        whether background merges run
 * @param compactionMinMerge       segments of one tier that trigger a merge
 * @param compactionMaxMerge       most segments merged at once
 * @param compactionTierFactor     the size ratio that bounds a tier
 * @param compactionBytesPerSecond a merge's write rate limit, 0 for none
 */
public record StorageConfig(String segmentFormat, String compression, int compressionLevel, int bitmapMaxDistinct,
                            long flushBytes, int maxFrozenMemtables, boolean compactionEnabled, int compactionMinMerge,
                            int compactionMaxMerge, int compactionTierFactor, long compactionBytesPerSecond) {

    public StorageConfig {
        if (flushBytes < 1) {
            throw new ConfigException(Settings.FLUSH_BYTES.key() + " must be positive, got " + flushBytes);
        }
        if (maxFrozenMemtables < 1) {
            throw new ConfigException(Settings.MAX_FROZEN_MEMTABLES.key() + " must be at least 1, got " + maxFrozenMemtables);
        }
        if (compactionMinMerge < 2 || compactionMaxMerge < compactionMinMerge) {
            throw new ConfigException(Settings.COMPACTION_MIN_MERGE.key() + " must be at least 2 and at most "
                    + Settings.COMPACTION_MAX_MERGE.key() + ", got " + compactionMinMerge + " and " + compactionMaxMerge);
        }
        if (compactionTierFactor < 2) {
            throw new ConfigException(Settings.COMPACTION_TIER_FACTOR.key() + " must be at least 2, got " + compactionTierFactor);
        }
        if (compressionLevel < 1 || compressionLevel > 22) {
            throw new ConfigException(Settings.COMPRESSION_LEVEL.key() + " must be between 1 and 22, got " + compressionLevel);
        }
        if (bitmapMaxDistinct < 0 || compactionBytesPerSecond < 0) {
            throw new ConfigException(Settings.BITMAP_MAX_DISTINCT.key() + " and "
                    + Settings.COMPACTION_MAX_BYTES_PER_SECOND.key() + " must not be negative");
        }
    }
}
