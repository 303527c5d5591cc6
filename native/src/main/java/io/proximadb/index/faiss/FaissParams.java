package io.proximadb.index.faiss;

import io.proximadb.spi.index.ParamNames;
import java.util.Map;

/**
 * Build parameters of a {@code faiss} index and its per-query parameters, documented in
 * {@code docs/indexes.md}.
 *
 * @param factory     a FAISS index factory string ({@code Flat}, {@code HNSW32}, {@code IVF256,SQ8}, ...)
 * @param trainSample how many vectors, drawn at random, train the index types that need training
 * @param seed        seeds that draw, so that two builds of the same vectors train alike
 * @param efConstruction HNSW's beam while inserting; 0 when not given ({@value #DEFAULT_EF_CONSTRUCTION}
 *                    applies to HNSW indexes, other index types refuse the parameter)
 */
record FaissParams(String factory, int trainSample, long seed, int efConstruction) {

    static final String FACTORY = "factory";
    static final String TRAIN_SAMPLE = "train_sample";
    static final String SEED = "seed";
    static final String EF_CONSTRUCTION = "ef_construction";
    static final String EF = "ef";
    static final String NPROBE = "nprobe";

    static final String DEFAULT_FACTORY = "HNSW32";
    /** FAISS's k-means wants 39 to 256 points per centroid: enough for IVF4096 and PQ's 256 codes. */
    static final int DEFAULT_TRAIN_SAMPLE = 100_000;
    static final long DEFAULT_SEED = 42;
    /** FAISS's own default efSearch (16) trades too much recall for speed at k = 10. */
    static final int DEFAULT_EF = 64;
    /** FAISS's default (40) builds a graph too sparse for recall 0.95 at ef 64; the hnsw index's default. */
    static final int DEFAULT_EF_CONSTRUCTION = 200;

    private static final ParamNames BUILD = new ParamNames("faiss", "build", FACTORY, TRAIN_SAMPLE, SEED, EF_CONSTRUCTION);
    private static final ParamNames SEARCH = new ParamNames("faiss", "search", EF, NPROBE);

    /**
     * What one query asks for; 0 leaves FAISS's setting of the index.
     *
     * @param ef     HNSW's efSearch
     * @param nprobe IVF's lists probed
     */
    record Query(int ef, int nprobe) {
    }

    static FaissParams parse(Map<String, String> params) {
        BUILD.check(params);
        String factory = params.getOrDefault(FACTORY, DEFAULT_FACTORY).strip();
        if (factory.isEmpty()) {
            throw new IllegalArgumentException("faiss parameter 'factory' must name a FAISS index factory string, e.g. HNSW32");
        }
        int trainSample = BUILD.wholeNumber(params, TRAIN_SAMPLE, DEFAULT_TRAIN_SAMPLE, 1, Integer.MAX_VALUE);
        long seed = BUILD.wholeNumber(params, SEED, DEFAULT_SEED);
        int efConstruction = BUILD.wholeNumber(params, EF_CONSTRUCTION, 0, 1, 1 << 16);
        return new FaissParams(factory, trainSample, seed, efConstruction);
    }

    /** The query's parameters; {@code ef} defaults to {@value #DEFAULT_EF} on HNSW indexes. */
    static Query query(Map<String, String> params, boolean hnsw) {
        if (params == null || params.isEmpty()) {
            return new Query(hnsw ? DEFAULT_EF : 0, 0);
        }
        SEARCH.check(params);
        int ef = SEARCH.wholeNumber(params, EF, hnsw ? DEFAULT_EF : 0, 1, 1 << 20);
        int nprobe = SEARCH.wholeNumber(params, NPROBE, 0, 1, 1 << 20);
        return new Query(ef, nprobe);
    }
}
