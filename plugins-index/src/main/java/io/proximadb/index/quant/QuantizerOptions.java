package io.proximadb.index.quant;

/**
 * What training a quantizer may need besides the vectors: only {@code pq} uses these (its
 * sub-spaces, and the seed and threads of its k-means); {@code sq8} and {@code binary} train in
 * one deterministic pass and ignore them.
 *
 * @param pqM     product-quantizer sub-spaces, or 0 for the default ({@link io.proximadb.index.quant.pq.PqQuantizer#defaultSubspaces})
 * @param seed    seeds the training sample and the k-means++ seeding
 * @param threads training threads, at least 1; the result does not depend on them
 */
public record QuantizerOptions(int pqM, long seed, int threads) {

    public QuantizerOptions {
        if (pqM < 0) {
            throw new IllegalArgumentException("pq_m must be positive, got " + pqM);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
