package io.proximadb.kernel.engine;

import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.kernel.storage.LiveSegment;
import io.proximadb.kernel.storage.Snapshot;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Ids;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.segment.Segment;
import io.proximadb.spi.vector.VectorKernels;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
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
    private final VectorIndexFactory exactIndex;
    private final WorkloadRecorder workload;
    private final VectorKernels kernels;

    SnapshotSearch(CollectionSpec spec, VectorIndexFactory exactIndex, VectorKernels kernels, WorkloadRecorder workload) {
        this.workload = workload;
        this.spec = spec;
        this.exactIndex = exactIndex;
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

    private void searchMemtables(Snapshot snapshot, long nowMillis, SearchRequest request, List<Candidate> out) {
        Filter filter = request.filter();
        List<VectorRecord> records = new ArrayList<>();
        MemtableView.forEachLive(snapshot.version().memtables(), snapshot.sequence(), nowMillis, record -> {
            if (filter == null || filter.matches(record.metadata())) {
                records.add(record);
            }
        });
        if (records.isEmpty()) {
            return;
        }
        // Per-query parameters (ef, nprobe) tune approximate segment indexes; an exact scan has none.
        try (VectorIndex index = exactIndex.build(new IndexSpec(spec.dimension(), spec.metric(), Map.of()),
                new RecordVectors(records, spec.dimension()), kernels)) {
            for (Neighbor neighbor : index.search(request.vector(), request.k(), null, Map.of())) {
                VectorRecord record = records.get(neighbor.ordinal());
                out.add(new Candidate(neighbor.distance(), record.id(), record, null, -1));
            }
        }
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

    private record RecordVectors(List<VectorRecord> records, int dimension) implements VectorValues {
        @Override
        public int size() {
            return records.size();
        }

        @Override
        public float[] vector(int ordinal) {
            return records.get(ordinal).vector();
        }
    }
}
