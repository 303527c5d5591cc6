package io.proximadb.index.cluster;

/** Distances from one point to every centroid of a set, the inner step of k-means and of probing. */
public interface NearestCentroid {

    /** The number of centroids. */
    int count();

    /** {@code out[c]} = the distance from {@code point} to centroid {@code c}, for every centroid. */
    default void distances(float[] point, float[] out) {
        distances(point, out, 0, count());
    }

    /** {@code out[c]} = the distance from {@code point} to centroid {@code c}, for {@code from <= c < to}. */
    void distances(float[] point, float[] out, int from, int to);

    /** The index of the smallest of {@code distances[0..count-1]}; ties go to the lower index. */
    static int argmin(float[] distances, int count) {
        int best = 0;
        float bestDistance = distances[0];
        for (int c = 1; c < count; c++) {
            if (distances[c] < bestDistance) {
                bestDistance = distances[c];
                best = c;
            }
        }
        return best;
    }
}
