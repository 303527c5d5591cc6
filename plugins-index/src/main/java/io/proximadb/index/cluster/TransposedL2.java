package io.proximadb.index.cluster;

/**
 * Squared Euclidean distances to centroids of a low dimension (a product quantizer's sub-spaces:
 * 2 to 32 floats), computed as {@code |x|² - 2 x·c + |c|²} over centroids stored transposed,
 * dimension-major. The inner loop then runs over all centroids at once for one coordinate, a
 * long unit-stride loop the JIT vectorises, instead of many calls of a kernel too short to use
 * its SIMD width.
 */
final class TransposedL2 implements NearestCentroid {

    private final int count;
    private final int dimension;
    /** {@code transposed[d × count + c]} = coordinate d of centroid c. */
    private final float[] transposed;
    private final float[] squaredNorms;

    TransposedL2(float[] centroids, int count, int dimension) {
        this.count = count;
        this.dimension = dimension;
        this.transposed = new float[count * dimension];
        this.squaredNorms = new float[count];
        for (int c = 0; c < count; c++) {
            float norm = 0;
            for (int d = 0; d < dimension; d++) {
                float x = centroids[c * dimension + d];
                transposed[d * count + c] = x;
                norm += x * x;
            }
            squaredNorms[c] = norm;
        }
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public void distances(float[] point, float[] out, int from, int to) {
        float pointNorm = 0;
        for (int d = 0; d < dimension; d++) {
            pointNorm += point[d] * point[d];
        }
        for (int c = from; c < to; c++) {
            out[c] = squaredNorms[c] + pointNorm;
        }
        for (int d = 0; d < dimension; d++) {
            float minusTwoX = -2f * point[d];
            int base = d * count;
            for (int c = from; c < to; c++) {
                out[c] += minusTwoX * transposed[base + c];
            }
        }
    }
}
