package io.proximadb.index.ivf;

import io.proximadb.index.cluster.Centroids;
import io.proximadb.index.common.CandidateHeap;
import io.proximadb.index.common.ScratchPool;
import io.proximadb.index.quant.Quantizer;
import io.proximadb.index.quant.QueryScorer;
import io.proximadb.index.quant.pq.ProductQuantizer;
import io.proximadb.spi.index.Neighbor;
import io.proximadb.spi.index.VectorIndex;
import io.proximadb.spi.record.Metric;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntPredicate;

/**
 * An inverted-file index: the vectors split into {@code nlist} lists by nearest k-means centroid;
 * a search ranks the centroids, scans the nearest lists and keeps the best candidates.
 *
 * <p>Probing rule (docs/indexes.md): lists are scanned nearest centroid first; the search stops
 * after at least {@code nprobe} lists, once it has seen at least {@code max(k, E)} accepted
 * vectors, where {@code E} is the number of entries in the first {@code nprobe} lists. Unfiltered,
 * that is exactly {@code nprobe} lists; under a filter accepting a fraction {@code s}, about
 * {@code nprobe / s} lists, so that a filtered search compares as many accepted vectors as an
 * unfiltered one and keeps its recall; when fewer than that are accepted in the whole index, every
 * list is scanned, which is an exact search of the accepted vectors. The filter is tested on each
 * list entry before any distance is computed.
 *
 * <p>IVF-Flat computes exact distances on the float vectors, read in place. IVF-PQ ranks the
 * entries by asymmetric PQ distance to their residual codes and re-scores the best {@code rerank}
 * exactly. With {@code sq8} or {@code binary} the lists hold codes of the vectors themselves,
 * scored by the quantizer's {@link QueryScorer} and re-scored the same way. The index lives in one memory segment laid out as its file: off-heap memory it owns
 * (built) or the caller's mapping (loaded). Thread-safe; a warm search allocates only its result.
 */
final class IvfIndex implements VectorIndex {

    private final MemorySegment data;
    private final IvfLayout layout;
    private final Metric metric;
    private final Centroids centroids;
    private final StoredVectors vectors;
    /** The residual quantizer of IVF-PQ, {@code null} for IVF-Flat. */
    private final ProductQuantizer pq;
    /** The quantizer of the vectors' {@code sq8} or {@code binary} codes, {@code null} otherwise. */
    private final Quantizer codes;
    private final ScratchPool<IvfScratch> pool;
    /** The arena of a built index's memory; {@code null} when the caller owns it (loaded). */
    private final Arena owned;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder searches = new LongAdder();
    private final LongAdder probedLists = new LongAdder();

    IvfIndex(MemorySegment data, IvfLayout layout, Metric metric, Centroids centroids, StoredVectors vectors,
             ProductQuantizer pq, Quantizer codes, Arena owned) {
        this.data = data;
        this.layout = layout;
        this.metric = metric;
        this.centroids = centroids;
        this.vectors = vectors;
        this.pq = pq;
        this.codes = codes;
        this.owned = owned;
        int tableLength = pq == null ? 0 : pq.tableLength();
        this.pool = new ScratchPool<>(() -> new IvfScratch(layout.dimension, layout.nlist, tableLength,
                codes == null ? null : codes.newScorer()), IvfScratch::memoryBytes);
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IntPredicate accept, Map<String, String> params) {
        if (query.length != layout.dimension) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", the index has dimension "
                    + layout.dimension);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        IvfSearchParams resolved = IvfSearchParams.parse(params, layout.nlist, layout.count, k);
        if (closed.get()) {
            throw new IllegalStateException("the ivf index is closed");
        }
        if (layout.count == 0) {
            return List.of();
        }
        IvfScratch scratch = pool.take();
        try {
            return search(query, k, accept, resolved, scratch);
        } finally {
            pool.release(scratch);
        }
    }

    private List<Neighbor> search(float[] query, int k, IntPredicate accept, IvfSearchParams params, IvfScratch scratch) {
        float[] prepared = vectors.prepare(query, scratch.query);
        int nlist = layout.nlist;
        int nprobe = params.nprobe();
        centroids.distances(prepared, scratch.centroidDistances, scratch.four);
        ProbeOrder probes = scratch.probes;
        probes.select(scratch.centroidDistances, nlist, nprobe);
        long entries = 0;
        for (int rank = 0; rank < nprobe; rank++) {
            int list = probes.list(rank);
            entries += listStart(list + 1) - listStart(list);
        }
        long wanted = Math.max(k, entries);
        int rerankCount = rerankCount(params, k);
        boolean rerank = (pq != null || codes != null) && rerankCount > 0;
        CandidateHeap candidates = scratch.candidates;
        // Never more room than vectors: a huge k or rerank must not allocate a huge heap.
        int kept = Math.min(k, layout.count);
        candidates.reset(rerank ? Math.min(rerankCount, layout.count) : kept);
        if (pq != null && metric != Metric.MANHATTAN) {
            // One table of -q·codeword serves every list (see scanPq).
            pq.distanceTable(prepared, scratch.table);
        }
        if (codes != null) {
            // The scorer normalises for cosine itself: it takes the query as given.
            scratch.scorer.setQuery(query);
        }
        long accepted = 0;
        int rank = 0;
        while (rank < nlist) {
            int list = probes.list(rank++);
            accepted += pq != null ? scanPq(list, prepared, scratch, accept)
                    : codes != null ? scanCodes(list, scratch, accept) : scanFlat(list, prepared, accept, scratch);
            if (rank >= nprobe && accepted >= wanted) {
                break;
            }
        }
        searches.increment();
        probedLists.add(rank);
        CandidateHeap best = candidates;
        if (rerank) {
            int found = candidates.size();
            scratch.ensureSorted(found);
            candidates.drainSorted(scratch.sortedOrdinals, scratch.sortedDistances);
            best = scratch.results;
            best.reset(kept);
            for (int i = 0; i < found; i++) {
                int ordinal = scratch.sortedOrdinals[i];
                best.offer(ordinal, vectors.exact(query, ordinal));
            }
        }
        int size = best.size();
        scratch.ensureSorted(size);
        best.drainSorted(scratch.sortedOrdinals, scratch.sortedDistances);
        List<Neighbor> neighbors = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            neighbors.add(new Neighbor(scratch.sortedOrdinals[i], scratch.sortedDistances[i]));
        }
        return neighbors;
    }

    /**
     * How many candidates to re-score exactly: as asked (0 for none, else at least k); by default
     * 4k for PQ and the quantizer's own default for {@code sq8} and {@code binary} (coarser codes
     * want more), taking the beam to be as wide as PQ's default.
     */
    private int rerankCount(IvfSearchParams params, int k) {
        if (params.rerank() != IvfSearchParams.DEFAULT) {
            return params.rerank();
        }
        int byPq = IvfSearchParams.defaultRerank(k);
        return codes == null ? byPq : Math.max(k, codes.defaultRerank(k, byPq));
    }

    /**
     * Scans one list of {@code sq8} or {@code binary} codes with the bound scorer, four codes per
     * pass; returns how many entries the filter accepted.
     */
    private int scanCodes(int list, IvfScratch scratch, IntPredicate accept) {
        int end = listStart(list + 1);
        QueryScorer scorer = scratch.scorer;
        CandidateHeap candidates = scratch.candidates;
        long base = layout.codesOffset;
        long stride = layout.codeStride;
        int[] batch = scratch.batchOrdinals;
        int[] positions = scratch.batchPositions;
        float[] four = scratch.four;
        int pending = 0;
        int accepted = 0;
        for (int position = listStart(list); position < end; position++) {
            int ordinal = ordinal(position);
            if (accept != null && !accept.test(ordinal)) {
                continue;
            }
            accepted++;
            batch[pending] = ordinal;
            positions[pending] = position;
            if (++pending == 4) {
                if (position + 4 < end) {
                    // The list's next four codes, on their way while these four are scored: with
                    // native products the scan waits on memory, not arithmetic (docs/bench/ann.md).
                    long next = base + (position + 1) * stride;
                    scorer.prefetch(data, next, next + stride, next + 2 * stride, next + 3 * stride);
                }
                scorer.distances(data, base + positions[0] * stride, base + positions[1] * stride,
                        base + positions[2] * stride, base + positions[3] * stride, four);
                candidates.offer(batch[0], four[0]);
                candidates.offer(batch[1], four[1]);
                candidates.offer(batch[2], four[2]);
                candidates.offer(batch[3], four[3]);
                pending = 0;
            }
        }
        for (int i = 0; i < pending; i++) {
            candidates.offer(batch[i], scorer.distance(data, base + positions[i] * stride));
        }
        return accepted;
    }

    /** Scans one list of IVF-Flat; returns how many entries the filter accepted. */
    private int scanFlat(int list, float[] prepared, IntPredicate accept, IvfScratch scratch) {
        int end = listStart(list + 1);
        CandidateHeap candidates = scratch.candidates;
        boolean batches = vectors.batches();
        int[] batch = scratch.batchOrdinals;
        int[] positions = scratch.batchPositions;
        int pending = 0;
        int accepted = 0;
        for (int position = listStart(list); position < end; position++) {
            int ordinal = ordinal(position);
            if (accept != null && !accept.test(ordinal)) {
                continue;
            }
            accepted++;
            if (!batches) {
                candidates.offer(ordinal, vectors.scan(prepared, ordinal, position));
                continue;
            }
            batch[pending] = ordinal;
            positions[pending] = position;
            if (++pending == 4) {
                float[] four = scratch.four;
                vectors.scan4(prepared, batch, positions, four);
                candidates.offer(batch[0], four[0]);
                candidates.offer(batch[1], four[1]);
                candidates.offer(batch[2], four[2]);
                candidates.offer(batch[3], four[3]);
                pending = 0;
            }
        }
        for (int i = 0; i < pending; i++) {
            candidates.offer(batch[i], vectors.scan(prepared, batch[i], positions[i]));
        }
        return accepted;
    }

    /**
     * Scans one list of IVF-PQ by ADC distance; returns how many entries the filter accepted.
     * With {@code c} the list's centroid, {@code r̂} an entry's decoded residual and the table
     * holding {@code -q·codeword}:
     *
     * <ul>
     *   <li>dot: {@code -q·(c + r̂) = coarse + Σ table};</li>
     *   <li>l2: {@code |q - c - r̂|² = |q - c|² + (2 c·r̂ + |r̂|²) - 2 q·r̂ = coarse + term + 2 Σ table},
     *       the term stored per entry at build (faiss precomputes it per list and codeword
     *       instead, which costs {@code nlist × m × 256} floats);</li>
     *   <li>cosine: the same on unit vectors, halved: {@code |q̂ - x̂|² / 2 = 1 - cos}, so that the
     *       code's error counts as {@code (x̂ - q̂)·e}, small for near neighbours;</li>
     *   <li>manhattan: no such split, so a table of the residual query {@code q - c} per list.</li>
     * </ul>
     */
    private int scanPq(int list, float[] prepared, IvfScratch scratch, IntPredicate accept) {
        float[] table = scratch.table;
        float coarse = scratch.centroidDistances[list];
        float tableScale = metric == Metric.L2 ? 2f : 1f;
        boolean terms = layout.floatsOffset >= 0;
        if (metric == Metric.MANHATTAN) {
            float[] residual = scratch.residual;
            centroids.read(list, residual);
            for (int d = 0; d < residual.length; d++) {
                residual[d] = prepared[d] - residual[d];
            }
            pq.distanceTable(residual, table);
            coarse = 0;
        }
        int end = listStart(list + 1);
        int m = layout.pqM;
        long codes = layout.codesOffset;
        CandidateHeap candidates = scratch.candidates;
        int accepted = 0;
        for (int position = listStart(list); position < end; position++) {
            int ordinal = ordinal(position);
            if (accept != null && !accept.test(ordinal)) {
                continue;
            }
            accepted++;
            float distance = coarse + tableScale * pq.distance(table, data, codes + (long) position * m);
            if (terms) {
                distance += data.get(IvfFormat.FLOAT, layout.floatsOffset + (long) position * Float.BYTES);
            }
            candidates.offer(ordinal, distance);
        }
        return accepted;
    }

    private int listStart(int list) {
        return data.get(IvfFormat.INT, layout.listsOffset + (long) list * Integer.BYTES);
    }

    private int ordinal(int position) {
        return data.get(IvfFormat.INT, layout.ordinalsOffset + (long) position * Integer.BYTES);
    }

    /** The mean number of lists a search probed so far, for tests and diagnostics; 0 before any search. */
    double meanProbedLists() {
        long count = searches.sum();
        return count == 0 ? 0 : (double) probedLists.sum() / count;
    }

    int nlist() {
        return layout.nlist;
    }

    @Override
    public long writeTo(WritableByteChannel out) throws IOException {
        long size = data.byteSize();
        for (long at = 0; at < size; ) {
            ByteBuffer chunk = data.asSlice(at, Math.min(1 << 20, size - at)).asByteBuffer();
            while (chunk.hasRemaining()) {
                at += out.write(chunk);
            }
        }
        return size;
    }

    @Override
    public long memoryBytes() {
        return data.byteSize() + (pq == null ? 0 : pq.memoryBytes()) + (codes == null ? 0 : codes.memoryBytes())
                + pool.memoryBytes();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.clear();
            if (owned != null) {
                owned.close();
            }
        }
    }
}
