package io.proximadb.index.ivf;

import io.proximadb.index.quant.QuantizerOptions;
import io.proximadb.index.quant.Quantizers;
import io.proximadb.index.quant.binary.BinaryQuantizer;
import io.proximadb.index.quant.pq.PqQuantizer;
import io.proximadb.index.quant.pq.ProductQuantizer;
import io.proximadb.index.quant.sq8.Sq8Quantizer;
import io.proximadb.spi.index.ParamNames;
import java.util.Map;

/**
 * Build parameters of an {@code ivf} index, read from {@link io.proximadb.spi.index.IndexSpec#params()}.
 * Defaults and their reasons are in {@code docs/indexes.md}. Values that depend on the number of
 * vectors ({@code nlist}, {@code train_sample}) are resolved by {@link #lists(int)} and
 * {@link #sample(int, int)} at build time.
 *
 * @param nlist       lists requested, or 0 for the default {@code round(4 √n)}; clamped to n
 * @param quantizer   how the lists store vectors
 * @param pqM         PQ sub-spaces, or 0 for the default (see {@link #defaultPqM(int)})
 * @param seed        seeds the training sample and k-means++
 * @param threads     build threads
 * @param trainSample training vectors requested, or 0 for the default {@code max(39 × nlist, 10,000)}; clamped to n
 */
record IvfParams(int nlist, Quantizer quantizer, int pqM, long seed, int threads, int trainSample) {

    static final String NLIST = "nlist";
    static final String QUANTIZER = "quantizer";
    static final String PQ_M = "pq_m";
    static final String SEED = "seed";
    static final String BUILD_THREADS = "build_threads";
    static final String TRAIN_SAMPLE = "train_sample";

    static final long DEFAULT_SEED = 42;
    /** faiss's rule of thumb: fewer than 39 training points per centroid and k-means overfits. */
    static final int POINTS_PER_LIST = 39;
    static final int MIN_DEFAULT_SAMPLE = 10_000;
    static final int MAX_NLIST = 1 << 20;

    private static final ParamNames BUILD = new ParamNames("ivf", "build", NLIST, QUANTIZER, PQ_M, SEED, BUILD_THREADS, TRAIN_SAMPLE);

    /**
     * How the vectors of a list are stored, and the number that says so in the file header (not
     * the quantizer ids of {@link Quantizers}, which ivf files predate).
     */
    enum Quantizer {
        /** IVF-Flat: the lists hold ordinals; the float vectors are scanned in place. */
        NONE(Quantizers.NONE, 0),
        /** IVF-PQ: the lists hold product-quantizer codes of the residuals, re-ranked exactly. */
        PQ(PqQuantizer.NAME, 1),
        /** IVF-SQ8: the lists hold {@code sq8} codes of the vectors, re-ranked exactly. */
        SQ8(Sq8Quantizer.NAME, 2),
        /** IVF-binary: the lists hold {@code binary} codes of the vectors, re-ranked exactly. */
        BINARY(BinaryQuantizer.NAME, 3);

        final String configName;
        final int code;

        Quantizer(String configName, int code) {
            this.configName = configName;
            this.code = code;
        }

        /** Whether the lists hold codes of a {@link io.proximadb.index.quant.Quantizer} ({@code sq8}, {@code binary}). */
        boolean generic() {
            return this == SQ8 || this == BINARY;
        }

        /** @throws IllegalArgumentException naming the unknown quantizer and those ivf knows */
        static Quantizer of(String name) {
            String checked = Quantizers.checkName(name, "ivf");
            for (Quantizer quantizer : values()) {
                if (quantizer.configName.equals(checked)) {
                    return quantizer;
                }
            }
            throw new AssertionError(checked);
        }
    }

    static IvfParams parse(Map<String, String> params) {
        BUILD.check(params);
        int nlist = BUILD.wholeNumber(params, NLIST, 0, 1, MAX_NLIST);
        Quantizer quantizer = Quantizer.of(params.getOrDefault(QUANTIZER, "none"));
        int pqM = BUILD.wholeNumber(params, PQ_M, 0, 1, 1 << 16);
        if (pqM != 0 && quantizer != Quantizer.PQ) {
            throw new IllegalArgumentException("ivf parameter 'pq_m' applies only with quantizer = pq, got quantizer = "
                    + quantizer.configName);
        }
        long seed = BUILD.wholeNumber(params, SEED, DEFAULT_SEED);
        int threads = BUILD.wholeNumber(params, BUILD_THREADS, Runtime.getRuntime().availableProcessors(), 1, 1 << 12);
        int trainSample = BUILD.wholeNumber(params, TRAIN_SAMPLE, 0, 1, Integer.MAX_VALUE);
        return new IvfParams(nlist, quantizer, pqM, seed, threads, trainSample);
    }

    /** Checks what depends on the dimension: {@code pq_m} must divide it. */
    void checkDimension(int dimension) {
        if (quantizer == Quantizer.PQ && pqM != 0) {
            ProductQuantizer.checkSubspaces(dimension, pqM);
        }
    }

    /** The lists to build over {@code count ≥ 1} vectors: as asked or {@code round(4 √count)}, within 1 … count. */
    int lists(int count) {
        return nlist != 0 ? Math.min(Math.max(1, nlist), count) : IvfIndexFactory.defaultLists(count);
    }

    /** The training sample for {@code lists} lists over {@code count} vectors, within lists … count. */
    int sample(int lists, int count) {
        long wanted = trainSample != 0 ? trainSample : Math.max((long) POINTS_PER_LIST * lists, MIN_DEFAULT_SAMPLE);
        return (int) Math.min(count, Math.max(wanted, lists));
    }

    /** The PQ sub-spaces for {@code dimension}: as asked, else {@link #defaultPqM(int)}. */
    int pqSubspaces(int dimension) {
        return pqM != 0 ? pqM : defaultPqM(dimension);
    }

    /**
     * The divisor of {@code dimension} nearest to {@code dimension / 4} (ties to the larger):
     * sub-spaces of about 4 floats, 16 bytes of float32 per byte of code, which with the exact
     * re-ranking keeps recall near IVF-Flat's; 784 gives 196, 768 gives 192, 128 gives 32.
     */
    static int defaultPqM(int dimension) {
        return PqQuantizer.defaultSubspaces(dimension);
    }

    /** What training a {@code sq8} or {@code binary} quantizer needs beyond the vectors. */
    QuantizerOptions quantizerOptions() {
        return new QuantizerOptions(0, seed, threads);
    }
}
