package io.proximadb.index.cluster;

/**
 * The points k-means clusters, by index {@code 0..size()-1}: a sample of a segment's vectors, or
 * residuals, or the sub-vectors of one product-quantizer sub-space. Points are read into the
 * caller's array, so that an implementation may read them in place from a memory segment, scale
 * them (cosine clusters unit vectors) or subtract a centroid on the fly. Implementations are
 * read from several threads at once and must not change while clustered.
 */
public interface PointSet {

    int size();

    int dimension();

    /** Copies point {@code index} into {@code into}, whose length is {@link #dimension()}. */
    void read(int index, float[] into);

    /**
     * The squared Euclidean distance between point {@code index} and {@code centre}, for the
     * k-means++ seeding weights. The default reads the point into {@code scratch}; implementations
     * over stored vectors compute it in place.
     */
    default float squaredDistance(float[] centre, int index, float[] scratch) {
        read(index, scratch);
        float sum = 0;
        for (int d = 0; d < centre.length; d++) {
            float diff = centre[d] - scratch[d];
            sum += diff * diff;
        }
        return sum;
    }

    /** Points held row after row in one array: point {@code i} is {@code rows[i*dimension ...]}. */
    static PointSet ofRows(float[] rows, int dimension) {
        if (dimension < 1 || rows.length % dimension != 0) {
            throw new IllegalArgumentException("rows of " + rows.length + " floats do not split into points of dimension "
                    + dimension);
        }
        int size = rows.length / dimension;
        return new PointSet() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public void read(int index, float[] into) {
                System.arraycopy(rows, index * dimension, into, 0, dimension);
            }

            @Override
            public float squaredDistance(float[] centre, int index, float[] scratch) {
                int base = index * dimension;
                float sum = 0;
                for (int d = 0; d < dimension; d++) {
                    float diff = centre[d] - rows[base + d];
                    sum += diff * diff;
                }
                return sum;
            }
        };
    }
}
