package io.proximadb.kernel.engine;

import io.proximadb.api.SearchHit;
import io.proximadb.api.SearchRequest;
import io.proximadb.kernel.filter.Filter;
import io.proximadb.spi.collection.CollectionSpec;
import io.proximadb.spi.index.IndexSpec;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.index.VectorIndexFactory;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.memtable.Memtable;
import io.proximadb.spi.memtable.MemtableEntry;
import io.proximadb.spi.record.VectorRecord;
import io.proximadb.spi.vector.VectorKernels;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Exact k-NN over a memtable as of one sequence number. Memtables are always searched exactly,
 * whatever the collection's index: they are small and change with every write. The live,
 * unexpired records that pass the filter are gathered in id order, then scanned by the
 * {@code flat} index; since ordinals follow id order, its tie-break by ordinal is a tie-break by id.
 */
final class MemtableSearch {

    private final CollectionSpec spec;
    private final VectorIndexFactory exactIndex;
    private final VectorKernels kernels;

    MemtableSearch(CollectionSpec spec, VectorIndexFactory exactIndex, VectorKernels kernels) {
        this.spec = spec;
        this.exactIndex = exactIndex;
        this.kernels = kernels;
    }

    List<SearchHit> search(Memtable memtable, long atSequence, long nowMillis, SearchRequest request) {
        Filter filter = request.filter();
        List<VectorRecord> candidates = new ArrayList<>();
        for (Iterator<MemtableEntry> it = memtable.scan(atSequence); it.hasNext(); ) {
            MemtableEntry entry = it.next();
            if (entry.isTombstone()) {
                continue;
            }
            VectorRecord record = entry.record();
            if (!record.isExpiredAt(nowMillis) && (filter == null || filter.matches(record.metadata()))) {
                candidates.add(record);
            }
        }
        // Per-query parameters (ef, nprobe) tune approximate segment indexes; an exact scan has none.
        VectorValues values = new RecordVectors(candidates, spec.dimension());
        List<SearchHit> hits = new ArrayList<>(Math.min(request.k(), candidates.size()));
        try (VectorIndex index = exactIndex.build(new IndexSpec(spec.dimension(), spec.metric(), Map.of()), values, kernels)) {
            for (Neighbor neighbor : index.search(request.vector(), request.k(), null, Map.of())) {
                VectorRecord record = candidates.get(neighbor.ordinal());
                hits.add(new SearchHit(record.id(), spec.metric().score(neighbor.distance()),
                        request.includeMetadata() ? record.metadata() : null,
                        request.includeVector() ? record.vector() : null));
            }
        }
        return hits;
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
