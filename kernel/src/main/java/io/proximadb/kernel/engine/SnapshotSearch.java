package io.proximadb.kernel.engine;

import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.storage.LiveSegment;
import io.proximadb.kernel.storage.MemtableRows;
import io.proximadb.kernel.storage.Snapshot;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.vector.VectorKernels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

/**
 * k-NN over one snapshot: the memtables exactly (they are small and change with every write),
 * each segment through its index with the deletions, expiries and filter of the snapshot consulted
 * during the search, then one merge of the candidates by distance, ties by id. An id is live in at
 * most one place at a sequence (a newer version hides the older copy), so the merge never meets
 * the same id twice.
 */
final class SnapshotSearch {

    /** A candidate before the merge; its fields are fetched only if it makes the top k. */
    private record Candidate(float distance, String id, VectorRecord record, LiveSegment segment, int ordinal) {
    }

    private static final Comparator<Candidate> ORDER = Comparator.comparingDouble(Candidate::distance)
            .thenComparing(Candidate::id, Ids.ORDER);

    private final CollectionSpec spec;
    private final WorkloadRecorder workload;
    private final VectorKernels kernels;

    SnapshotSearch(CollectionSpec spec, VectorKernels kernels, WorkloadRecorder workload) {
        this.workload = workload;
        this.spec = spec;
        this.kernels = kernels;
    }

    List<SearchHit> search(Snapshot snapshot, long nowMillis, SearchRequest request) {
        List<Candidate> candidates = new ArrayList<>();
        searchMemtables(snapshot, nowMillis, request, candidates);
        for (LiveSegment segment : snapshot.version().segments()) {
            searchSegment(segment, snapshot.sequence(), nowMillis, request, candidates);
        }
        candidates.sort(ORDER);
        List<SearchHit> hits = new ArrayList<>(Math.min(request.k(), candidates.size()));
        for (Candidate candidate : candidates.subList(0, Math.min(request.k(), candidates.size()))) {
            hits.add(toHit(candidate, request));
        }
        return hits;
    }

    /**
     * The memtables' k nearest live matches by a scan of their {@link MemtableRows} that scores each
     * record as it passes, keeping the best k in a bounded heap. Memtables change with every write,
     * so an index over them would be rebuilt as often as it is searched; the scan allocates nothing
     * per record it rejects. A newer memtable's write has replaced the id's rows in older ones, so
     * each id is met at most once.
     */
    private void searchMemtables(Snapshot snapshot, long nowMillis, SearchRequest request, List<Candidate> out) {
        Filter filter = request.filter();
        float[] query = request.vector();
        Metric metric = spec.metric();
        int k = request.k();
        PriorityQueue<Candidate> nearest = new PriorityQueue<>(k, ORDER.reversed()); // the worst kept on top
        Consumer<VectorRecord> score = record -> {
            if (filter != null && !filter.matches(record.metadata())) {
                return;
            }
            float distance = metric.distance(kernels, query, record.vector());
            if (nearest.size() == k) {
                Candidate worst = nearest.peek();
                if (distance > worst.distance()
                        || (distance == worst.distance() && Ids.compare(record.id(), worst.id()) > 0)) {
                    return;
                }
                nearest.poll();
            }
            nearest.add(new Candidate(distance, record.id(), record, null, -1));
        };
        for (MemtableRows rows : snapshot.version().memtableRows()) {
            rows.forEachLive(snapshot.sequence(), nowMillis, score);
        }
        out.addAll(nearest);
    }

    private void searchSegment(LiveSegment live, long sequence, long nowMillis, SearchRequest request,
                               List<Candidate> out) {
        Segment segment = live.segment();
        BitSet allowed = request.filter() == null ? null : SegmentFilter.matching(request.filter(), segment);
        if (allowed != null) {
            workload.selectivity(allowed.cardinality(), segment.count());
        }
        if (allowed != null && allowed.isEmpty()) {
            return;
        }
        boolean expiries = segment.hasExpiries();
        IntPredicate accept = ordinal -> !live.isDeleted(ordinal, sequence)
                && (allowed == null || allowed.get(ordinal))
                && (!expiries || !VectorRecord.isExpired(segment.expiresAt(ordinal), nowMillis));
        for (Neighbor neighbor : live.index().search(request.vector(), request.k(), accept, request.params())) {
            out.add(new Candidate(neighbor.distance(), segment.id(neighbor.ordinal()), null, live, neighbor.ordinal()));
        }
    }

    private SearchHit toHit(Candidate candidate, SearchRequest request) {
        float score = spec.metric().score(candidate.distance());
        if (candidate.record() != null) {
            VectorRecord record = candidate.record();
            return new SearchHit(record.id(), score, request.includeMetadata() ? record.metadata() : null,
                    request.includeVector() ? record.vector() : null);
        }
        Segment segment = candidate.segment().segment();
        return new SearchHit(candidate.id(), score,
                request.includeMetadata() ? segment.metadata(candidate.ordinal()) : null,
                request.includeVector() ? segment.vectorValues().vector(candidate.ordinal()) : null);
    }
}
