package io.proximadb.index.faiss;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    private static final Set<String> BUILD_NAMES = Set.of(FACTORY, TRAIN_SAMPLE, SEED, EF_CONSTRUCTION);
    private static final Set<String> QUERY_NAMES = Set.of(EF, NPROBE);

    /**
     * What one query asks for; 0 leaves FAISS's setting of the index.
     *
     * @param ef     HNSW's efSearch
     * @param nprobe IVF's lists probed
     */
    record Query(int ef, int nprobe) {
    }

    static FaissParams parse(Map<String, String> params) {
        rejectUnknown(params, BUILD_NAMES, "build");
        String factory = params.getOrDefault(FACTORY, DEFAULT_FACTORY).strip();
        if (factory.isEmpty()) {
            throw new IllegalArgumentException("faiss parameter 'factory' must name a FAISS index factory string, e.g. HNSW32");
        }
        int trainSample = intParam(params, TRAIN_SAMPLE, DEFAULT_TRAIN_SAMPLE, 1, Integer.MAX_VALUE);
        long seed;
        try {
            seed = Long.parseLong(params.getOrDefault(SEED, Long.toString(DEFAULT_SEED)).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("faiss parameter 'seed' must be a whole number, got '" + params.get(SEED) + "'", e);
        }
        int efConstruction = intParam(params, EF_CONSTRUCTION, 0, 1, 1 << 16);
        return new FaissParams(factory, trainSample, seed, efConstruction);
    }

    /** The query's parameters; {@code ef} defaults to {@value #DEFAULT_EF} on HNSW indexes. */
    static Query query(Map<String, String> params, boolean hnsw) {
        if (params == null || params.isEmpty()) {
            return new Query(hnsw ? DEFAULT_EF : 0, 0);
        }
        rejectUnknown(params, QUERY_NAMES, "query");
        int ef = intParam(params, EF, hnsw ? DEFAULT_EF : 0, 1, 1 << 20);
        int nprobe = intParam(params, NPROBE, 0, 1, 1 << 20);
        return new Query(ef, nprobe);
    }

    private static void rejectUnknown(Map<String, String> params, Set<String> known, String kind) {
        for (String name : params.keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown faiss " + kind + " parameter '" + name + "'; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    private static int intParam(Map<String, String> params, String name, int fallback, int min, int max) {
        String text = params.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.strip());
            if (value < min || value > max) {
                throw new IllegalArgumentException("faiss parameter '" + name + "' must be in [" + min + ", " + max + "], got " + value);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("faiss parameter '" + name + "' must be a whole number, got '" + text + "'", e);
        }
    }
}
