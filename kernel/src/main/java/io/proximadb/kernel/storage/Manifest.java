package io.proximadb.kernel.storage;

import java.util.List;
import java.util.Objects;

/**
 * The durable list of a collection's live segments. Replaced whole, never edited: see
 * {@link ManifestFile} and {@code docs/formats/manifest.md}.
 *
 * @param generation      grows by one per manifest written; names new deletion files
 * @param flushedSequence every write at or below it is in the segments; the log replays the rest
 * @param nextSegment     the number the next segment's name takes
 * @param segments        the live segments
 */
public record Manifest(long generation, long flushedSequence, long nextSegment, List<SegmentEntry> segments) {

    /**
     * One live segment.
     *
     * @param name          its file name under {@code segments/}
     * @param records       how many records it holds (deleted ones included)
     * @param bytes         its file size
     * @param deletionFile  the file of its deleted ordinals under {@code segments/}, or {@code null}
     * @param deletions     how many ordinals that file holds
     * @param indexFile     its persisted vector index under {@code segments/}, or {@code null} when
     *                      the index plugin rebuilds it on open
     */
    public record SegmentEntry(String name, int records, long bytes, String deletionFile, int deletions,
                               String indexFile) {
        public SegmentEntry {
            Objects.requireNonNull(name, "name");
        }
    }

    public Manifest {
        segments = List.copyOf(segments);
    }

    /** The manifest of a new collection. */
    public static Manifest empty() {
        return new Manifest(0, 0, 1, List.of());
    }
}
