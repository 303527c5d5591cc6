package io.proximadb.index.hnsw;

import io.proximadb.index.quant.QuantizerOptions;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.index.quant.pq.PqQuantizer;
import io.proximadb.index.quant.pq.ProductQuantizer;
import io.proximadb.spi.index.ParamNames;
import java.util.Map;

/**
 * Build parameters of an {@code hnsw} index, read from {@link io.proximadb.spi.index.IndexSpec#params()},
 * and the per-query parameters {@code ef} and {@code rerank}. Defaults are those of hnswlib's
 * benchmarks, documented in {@code docs/indexes.md}.
 *
 * @param m              links per node on the upper layers; layer 0 allows {@link #m0()} = 2m
 * @param efConstruction beam width while inserting
 * @param seed           seeds the level draw, so that two builds of the same vectors agree
 * @param threads        build threads; with 1 the build is fully deterministic
 * @param quantizer      {@code none}, or the quantizer whose codes searches walk the graph on
 *                       (see {@link Quantizers})
 * @param pqM            {@code pq} sub-spaces, 0 for the default ({@link PqQuantizer#defaultSubspaces}); only with {@code pq}
 */
record HnswParams(int m, int efConstruction, long seed, int threads, String quantizer, int pqM) {

    static final String M = "m";
    static final String EF_CONSTRUCTION = "ef_construction";
    static final String SEED = "seed";
    static final String BUILD_THREADS = "build_threads";
    static final String QUANTIZER = "quantizer";
    static final String PQ_M = "pq_m";
    static final String EF = "ef";
    static final String RERANK = "rerank";

    static final int DEFAULT_M = 16;
    static final int DEFAULT_EF_CONSTRUCTION = 200;
    static final long DEFAULT_SEED = 42;
    static final int DEFAULT_EF = 64;
    /** Wider lists would not fit the u8 level and u32 count fields comfortably and never pay. */
    static final int MAX_M = 512;

    private static final ParamNames BUILD = new ParamNames("hnsw", "build", M, EF_CONSTRUCTION, SEED, BUILD_THREADS, QUANTIZER, PQ_M);
    private static final ParamNames SEARCH = new ParamNames("hnsw", "search", EF, RERANK);

    /**
     * What one query asks for.
     *
     * @param ef     the beam width, never less than k
     * @param rerank how many candidates to re-score with float32 vectors, never less than k; 0
     *               when the query does not say (the quantizer's default applies)
     */
    record Query(int ef, int rerank) {
    }

    /** Level-0 lists hold twice as many links as upper ones, as in the paper and in hnswlib. */
    int m0() {
        return 2 * m;
    }

    /** The level multiplier 1/ln(M) of the paper: each layer holds about 1/M of the one below. */
    double levelMultiplier() {
        return 1 / Math.log(m);
    }

    static HnswParams parse(Map<String, String> params) {
        BUILD.check(params);
        int m = BUILD.wholeNumber(params, M, DEFAULT_M, 2, MAX_M);
        int efConstruction = BUILD.wholeNumber(params, EF_CONSTRUCTION, DEFAULT_EF_CONSTRUCTION, 1, 1 << 16);
        long seed = BUILD.wholeNumber(params, SEED, DEFAULT_SEED);
        int threads = BUILD.wholeNumber(params, BUILD_THREADS, Runtime.getRuntime().availableProcessors(), 1, 1 << 12);
        String quantizer = Quantizers.checkName(params.getOrDefault(QUANTIZER, Quantizers.NONE), "hnsw");
        int pqM = BUILD.wholeNumber(params, PQ_M, 0, 1, 1 << 16);
        if (pqM != 0 && !quantizer.equals(PqQuantizer.NAME)) {
            throw new IllegalArgumentException("hnsw parameter 'pq_m' applies only with quantizer = pq, got quantizer = "
                    + quantizer);
        }
        return new HnswParams(m, efConstruction, seed, threads, quantizer, pqM);
    }

    /** Checks what depends on the dimension: {@code pq_m} must divide it. */
    void checkDimension(int dimension) {
        if (pqM != 0) {
            ProductQuantizer.checkSubspaces(dimension, pqM);
        }
    }

    /** What training the quantizer needs beyond the vectors. */
    QuantizerOptions quantizerOptions() {
        return new QuantizerOptions(pqM, seed, threads);
    }

    /** The beam width of one query: {@code ef} (default {@value #DEFAULT_EF}), never less than k. */
    static int ef(Map<String, String> params, int k) {
        return query(params, k).ef();
    }

    /**
     * The parameters of one query: {@code ef} (default {@value #DEFAULT_EF}) and {@code rerank}
     * (no default here: it depends on the quantizer), both never less than k.
     */
    static Query query(Map<String, String> params, int k) {
        if (params == null || params.isEmpty()) {
            return new Query(Math.max(k, DEFAULT_EF), 0);
        }
        SEARCH.check(params);
        int rerank = SEARCH.wholeNumber(params, RERANK, 0, 1, 1 << 20);
        return new Query(Math.max(k, SEARCH.wholeNumber(params, EF, DEFAULT_EF, 1, 1 << 20)), rerank == 0 ? 0 : Math.max(k, rerank));
    }
}
