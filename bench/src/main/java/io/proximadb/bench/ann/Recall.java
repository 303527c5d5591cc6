package io.proximadb.bench.ann;

import io.proximadb.spi.index.Neighbor;
import java.util.List;

/** Recall@k as ann-benchmarks reports it: the share of the true k nearest ids among the k returned. */
public final class Recall {

    private Recall() {
    }

    /** The fraction of {@code truth[0..k)} found among the first {@code k} of {@code found}. */
    public static double atK(List<Neighbor> found, int[] truth, int k) {
        int returned = Math.min(k, found.size());
        int[] ids = new int[returned];
        for (int i = 0; i < returned; i++) {
            ids[i] = found.get(i).ordinal();
        }
        return atK(ids, truth, k);
    }

    /**
     * The same for ids given as ordinals (a peer's answers), of which the first {@code k} count;
     * a negative id (nothing found) matches no true id.
     */
    public static double atK(int[] found, int[] truth, int k) {
        if (truth.length < k) {
            throw new IllegalArgumentException("ground truth has " + truth.length + " ids, fewer than k = " + k);
        }
        int hits = 0;
        int returned = Math.min(k, found.length);
        for (int i = 0; i < returned; i++) {
            for (int j = 0; j < k; j++) {
                if (truth[j] == found[i]) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / k;
    }
}
