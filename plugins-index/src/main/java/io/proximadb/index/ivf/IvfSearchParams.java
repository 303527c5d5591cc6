package io.proximadb.index.ivf;

import io.proximadb.spi.index.ParamNames;
import java.util.Map;

/**
 * The per-query parameters of an {@code ivf} index, resolved for one search.
 *
 * @param nprobe lists probed at least: as asked (at least 1), clamped to the index's lists;
 *               by default {@link #defaultNprobe(int, int)}
 * @param rerank candidates of a quantized index re-scored with the exact float32 distance: 0
 *               returns the approximate distances as they are; otherwise at least k are
 *               re-scored; {@link #DEFAULT} when the query does not say, which the index resolves
 *               (4k for PQ, the quantizer's default for sq8 and binary). IVF-Flat accepts and
 *               ignores it: its distances are exact already.
 */
record IvfSearchParams(int nprobe, int rerank) {

    static final String NPROBE = "nprobe";
    static final String RERANK = "rerank";
    /** By default a search probes enough lists to compare about this many vectors (see {@link #defaultNprobe}). */
    static final int MIN_SCANNED = 2_048;
    static final int DEFAULT_RERANK_PER_K = 4;
    /** The {@code rerank} of a query that does not give one. */
    static final int DEFAULT = -1;

    private static final ParamNames SEARCH = new ParamNames("ivf", "search", NPROBE, RERANK);

    static IvfSearchParams parse(Map<String, String> params, int nlist, int count, int k) {
        if (params == null || params.isEmpty()) {
            return new IvfSearchParams(defaultNprobe(nlist, count), DEFAULT);
        }
        SEARCH.check(params);
        int nprobe = params.containsKey(NPROBE)
                ? Math.min(SEARCH.wholeNumber(params, NPROBE, 1, 1, Integer.MAX_VALUE), Math.max(1, nlist))
                : defaultNprobe(nlist, count);
        if (!params.containsKey(RERANK)) {
            return new IvfSearchParams(nprobe, DEFAULT);
        }
        int rerank = SEARCH.wholeNumber(params, RERANK, 0, 0, Integer.MAX_VALUE);
        return new IvfSearchParams(nprobe, rerank == 0 ? 0 : Math.max(rerank, k));
    }

    static int defaultRerank(int k) {
        return (int) Math.min(Integer.MAX_VALUE, (long) DEFAULT_RERANK_PER_K * k);
    }

    /**
     * {@code max(⌈√nlist⌉, ⌈2048 × nlist / count⌉)}, within 1 … nlist. The square root is the
     * usual rule (pgvector's advice): with {@code nlist ≈ 4 √n} it scans about {@code n^¾ / 2}
     * vectors. The floor makes a search compare at least about 2,048 vectors (about the distance
     * computations of an hnsw search at its default ef): below that, probing fewer lists saves
     * microseconds and costs recall, so small segments are scanned nearly whole. fashion-mnist:
     * 34 of 980 lists, recall@10 ≈ 0.999.
     */
    static int defaultNprobe(int nlist, int count) {
        if (nlist <= 1) {
            return 1;
        }
        long byRoot = (long) Math.ceil(Math.sqrt(nlist));
        long byFloor = ((long) MIN_SCANNED * nlist + count - 1) / count;
        return (int) Math.min(nlist, Math.max(byRoot, byFloor));
    }
}
