package io.proximadb.index.cluster;

/**
 * What {@link KMeans#train} found.
 *
 * @param centroids  {@code clusters × dimension} floats, centroid {@code c} at {@code c × dimension}
 * @param clusters   the number of centroids
 * @param dimension  their length
 * @param labels     for each training point, the index of its nearest centroid (ties: the lower
 *                   index), as assigned by the last step of the run
 * @param iterations Lloyd iterations run
 * @param converged  whether the run stopped because at most the tolerated fraction of points
 *                   changed cluster (rather than at the iteration limit)
 */
public record Clustering(float[] centroids, int clusters, int dimension, int[] labels, int iterations, boolean converged) {

    /** Centroid {@code c}, copied. */
    public float[] centroid(int c) {
        float[] centroid = new float[dimension];
        System.arraycopy(centroids, c * dimension, centroid, 0, dimension);
        return centroid;
    }

    /** How many training points each centroid holds. */
    public int[] sizes() {
        int[] sizes = new int[clusters];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }
}
