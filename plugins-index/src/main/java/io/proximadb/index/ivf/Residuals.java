package io.proximadb.index.ivf;

import io.proximadb.index.cluster.PointSet;

/**
 * Points minus the centroid of their list: what IVF-PQ encodes. Residuals are smaller and more
 * alike across lists than the vectors, so one codebook serves every list (Jégou et al., 2011).
 */
final class Residuals implements PointSet {

    private final SampledVectors points;
    private final int[] labels;
    private final float[] centroids;

    /**
     * @param labels    the list of each ordinal
     * @param centroids the lists' centroids, row after row
     */
    Residuals(SampledVectors points, int[] labels, float[] centroids) {
        this.points = points;
        this.labels = labels;
        this.centroids = centroids;
    }

    @Override
    public int size() {
        return points.size();
    }

    @Override
    public int dimension() {
        return points.dimension();
    }

    @Override
    public void read(int index, float[] into) {
        points.read(index, into);
        subtract(into, centroids, labels[points.ordinal(index)]);
    }

    static void subtract(float[] vector, float[] centroids, int list) {
        int base = list * vector.length;
        for (int d = 0; d < vector.length; d++) {
            vector[d] -= centroids[base + d];
        }
    }
}
