package io.proximadb.kernel.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a collection's manifest together with the deletion files it names, and hands out segment
 * names. Callers serialise {@link #write} (the storage's manifest lock).
 */
final class ManifestWriter {

    private final SegmentFiles files;
    private final ManifestFile manifestFile;
    private final AtomicLong nextSegment;
    private volatile Manifest current;
    /** The generation of the last attempted write, whether it succeeded or not. */
    private long lastAttempted;

    ManifestWriter(SegmentFiles files, ManifestFile manifestFile, Manifest recovered) {
        this.files = files;
        this.manifestFile = manifestFile;
        this.current = recovered;
        this.nextSegment = new AtomicLong(recovered.nextSegment());
    }

    /** The last manifest made durable (or recovered). */
    Manifest current() {
        return current;
    }

    /** A fresh segment name; numbers skipped by a crash are never reused, since the manifest keeps the next one. */
    String nextSegmentName() {
        return files.segmentName(nextSegment.getAndIncrement());
    }

    /**
     * Writes the deletion files that changed and a manifest naming {@code segments}. Only
     * deletions at or below {@code flushedSequence} are persisted: later ones are still in the log
     * and come back by replay. Once the manifest is durable, replaced deletion files are deleted.
     *
     * @return the bytes written
     */
    long write(List<LiveSegment> segments, long flushedSequence) throws IOException {
        // A generation is never tried twice: an attempt that failed may have left its deletion files,
        // or even its manifest, on disk; the next attempt writes other names. What no manifest names
        // is deleted at the next open.
        long generation = Math.max(current.generation(), lastAttempted) + 1;
        lastAttempted = generation;
        List<Manifest.SegmentEntry> entries = new ArrayList<>(segments.size());
        List<Runnable> afterDurable = new ArrayList<>();
        long written = 0;
        boolean deletionsWritten = false;
        for (LiveSegment segment : segments) {
            BitSet deleted = segment.deletedUpTo(flushedSequence);
            int deletions = deleted.cardinality();
            String file = segment.deletionFile();
            if (deletions != segment.persistedDeletions()) {
                String previous = file;
                file = SegmentFiles.deletionName(segment.name(), generation);
                written += files.writeDeletions(file, deleted);
                deletionsWritten = true;
                String persisted = file;
                afterDurable.add(() -> {
                    segment.persisted(persisted, deletions);
                    if (previous != null) {
                        files.deleteQuietly(previous);
                    }
                });
            }
            entries.add(new Manifest.SegmentEntry(segment.name(), segment.segment().count(),
                    segment.segment().sizeBytes(), file, deletions, segment.indexFile()));
        }
        if (deletionsWritten) {
            files.syncDirectory(); // the new deletion files' names, before a manifest names them
        }
        Manifest next = new Manifest(generation, flushedSequence, nextSegment.get(), entries);
        written += manifestFile.write(next);
        current = next;
        afterDurable.forEach(Runnable::run);
        return written;
    }
}
