package io.proximadb.kernel.storage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses which segments to merge, size-tiered as in Cassandra and RocksDB's universal compaction:
 * segments sorted by size fall into tiers, a tier being a run whose largest member is at most
 * {@code tierFactor} times its smallest. When a tier has {@code minMerge} segments, its smallest
 * {@code maxMerge} are merged into one, which lands in a higher tier. Each record is therefore
 * rewritten about once per tier, log_{tierFactor}(total / flush size) times in all, which bounds
 * the write amplification; small segments are merged first because they cost little and cut the
 * number of segments a search visits the most.
 *
 * @param minMerge   segments of one tier that trigger a merge (at least 2)
 * @param maxMerge   most segments merged at once
 * @param tierFactor the size ratio that bounds a tier (at least 2)
 */
public record SizeTieredPolicy(int minMerge, int maxMerge, int tierFactor) {

    /** A segment as the policy sees it. */
    public record Candidate(String name, long bytes) {
    }

    public SizeTieredPolicy {
        if (minMerge < 2 || maxMerge < minMerge || tierFactor < 2) {
            throw new IllegalArgumentException("need 2 <= minMerge <= maxMerge and tierFactor >= 2, got "
                    + minMerge + ", " + maxMerge + ", " + tierFactor);
        }
    }

    /** {@link #pick} over open segments, by their file sizes. */
    List<LiveSegment> pickSegments(List<LiveSegment> segments) {
        List<Candidate> picked = pick(segments.stream()
                .map(s -> new Candidate(s.name(), s.segment().sizeBytes())).toList());
        java.util.Set<String> names = new java.util.HashSet<>();
        picked.forEach(c -> names.add(c.name()));
        return segments.stream().filter(s -> names.contains(s.name())).toList();
    }

    /** The segments to merge next, smallest first, or an empty list when no tier is full. */
    public List<Candidate> pick(List<Candidate> segments) {
        List<Candidate> sorted = new ArrayList<>(segments);
        sorted.sort(Comparator.comparingLong(Candidate::bytes).thenComparing(Candidate::name));
        int start = 0;
        while (start < sorted.size()) {
            long smallest = Math.max(1, sorted.get(start).bytes());
            int end = start;
            while (end < sorted.size() && sorted.get(end).bytes() <= smallest * tierFactor) {
                end++;
            }
            if (end - start >= minMerge) {
                return List.copyOf(sorted.subList(start, Math.min(end, start + maxMerge)));
            }
            start = end;
        }
        return List.of();
    }
}
