package io.proximadb.bench.axis;

import io.proximadb.spi.record.Metric;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A synthetic data set of known shape: {@code clusters} Gaussian clusters in a random
 * {@code intrinsic}-dimensional subspace of {@code dimension} dimensions, plus a little noise in
 * every dimension. Intrinsic dimensionality and cluster structure are what make search hard or
 * easy, so the sweep varies them independently of size and dimension. Queries are drawn from the
 * same distribution, never from the base vectors.
 *
 * @param spread each cluster's standard deviation relative to the spread of the cluster centres
 *               (small: tight, separated clusters; 1 and over: clusters that overlap)
 */
record SyntheticSpec(int dimension, int intrinsic, int clusters, double spread, int count, Metric metric, long seed) {

    /** The off-subspace noise, relative to a cluster's spread, so that no point lies exactly on the subspace. */
    static final double NOISE = 0.05;

    SyntheticSpec {
        if (intrinsic < 1 || intrinsic > dimension || clusters < 1 || count < 1 || !(spread > 0)) {
            throw new IllegalArgumentException("bad synthetic data set: " + dimension + " dims, " + intrinsic + " intrinsic, "
                    + clusters + " clusters, spread " + spread + ", " + count + " vectors");
        }
    }

    /** A name that says what the data is: {@code syn-d64-i16-c32-s0.5-n20000-l2-1}. */
    String id() {
        return String.format(Locale.ROOT, "syn-d%d-i%d-c%d-s%s-n%d-%s-%d", dimension, intrinsic, clusters,
                trim(spread), count, metric.name().toLowerCase(Locale.ROOT), seed);
    }

    /** Generates the base vectors and {@code queries} queries, the same for the same spec. */
    float[][][] generate(int queries) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] basis = new double[intrinsic][dimension];
        for (double[] row : basis) {
            for (int d = 0; d < dimension; d++) {
                row[d] = random.nextGaussian() / Math.sqrt(intrinsic);
            }
        }
        double[][] centres = new double[clusters][intrinsic];
        for (double[] centre : centres) {
            for (int i = 0; i < intrinsic; i++) {
                centre[i] = clusters == 1 ? 0 : random.nextGaussian();
            }
        }
        float[][] base = draw(count, basis, centres, random);
        float[][] asked = draw(queries, basis, centres, random);
        return new float[][][] {base, asked};
    }

    private float[][] draw(int n, double[][] basis, double[][] centres, SplittableRandom random) {
        float[][] rows = new float[n][dimension];
        double[] latent = new double[intrinsic];
        double noise = spread * NOISE / Math.sqrt(intrinsic);
        for (float[] row : rows) {
            double[] centre = centres[random.nextInt(centres.length)];
            for (int i = 0; i < intrinsic; i++) {
                latent[i] = centre[i] + spread * random.nextGaussian();
            }
            for (int d = 0; d < dimension; d++) {
                double value = noise * random.nextGaussian();
                for (int i = 0; i < intrinsic; i++) {
                    value += latent[i] * basis[i][d];
                }
                row[d] = (float) value;
            }
        }
        return rows;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
