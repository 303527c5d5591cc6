package io.proximadb.index.ivf;

import io.proximadb.index.common.CandidateHeap;
import io.proximadb.index.quant.QueryScorer;

/**
 * The working memory of one search: the prepared query, centroid distances, the probe order,
 * a batch of four, the PQ distance table or the
 * quantizer's scorer and the candidate heaps. Pooled ({@link io.proximadb.index.common.ScratchPool})
 * so that a warm search allocates only its result list. Not thread-safe: one search at a time.
 */
final class IvfScratch {

    final float[] query;
    final float[] residual;
    final float[] centroidDistances;
    final ProbeOrder probes;
    final float[] four = new float[4];
    final int[] batchOrdinals = new int[4];
    final int[] batchPositions = new int[4];
    /** The PQ distance table, empty for IVF-Flat. */
    final float[] table;
    /** The scorer of {@code sq8} or {@code binary} codes, {@code null} otherwise. */
    final QueryScorer scorer;
    final CandidateHeap candidates = new CandidateHeap(64);
    final CandidateHeap results = new CandidateHeap(16);
    int[] sortedOrdinals = new int[64];
    float[] sortedDistances = new float[64];

    IvfScratch(int dimension, int nlist, int tableLength) {
        this(dimension, nlist, tableLength, null);
    }

    IvfScratch(int dimension, int nlist, int tableLength, QueryScorer scorer) {
        this.scorer = scorer;
        this.query = new float[dimension];
        this.residual = new float[dimension];
        this.centroidDistances = new float[Math.max(1, nlist)];
        this.probes = new ProbeOrder(Math.max(1, nlist));
        this.table = new float[tableLength];
    }

    /** Room for {@code size} sorted candidates. */
    void ensureSorted(int size) {
        if (sortedOrdinals.length < size) {
            sortedOrdinals = new int[size];
            sortedDistances = new float[size];
        }
    }

    long memoryBytes() {
        return (query.length + residual.length + centroidDistances.length + table.length) * (long) Float.BYTES
                + probes.memoryBytes() + candidates.memoryBytes() + results.memoryBytes()
                + (long) sortedOrdinals.length * (Integer.BYTES + Float.BYTES) + (scorer == null ? 0 : scorer.memoryBytes());
    }
}
