package io.proximadb.index.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** k-means: determinism, nearest assignment, no empty cluster, means at convergence, seeding spread. */
class KMeansTest {

    private static final VectorKernels KERNELS = VectorKernelsProvider.best();

    @Property(tries = 25)
    void theSameSeedGivesTheSameClustersWhateverTheThreads(@ForAll @IntRange(min = 50, max = 600) int n,
                                                            @ForAll @IntRange(min = 1, max = 20) int k,
                                                            @ForAll @IntRange(min = 1, max = 40) int dimension,
                                                            @ForAll @LongRange(min = 0, max = 1000) long seed) {
        float[] rows = gaussian(n, dimension, seed);
        Metric metric = Metric.values()[(int) (seed % 4)];
        PointSet points = prepared(rows, dimension, metric);
        Clustering one = KMeans.train(points, metric, KMeansParams.of(k, seed, 1), KERNELS);
        Clustering four = KMeans.train(points, metric, KMeansParams.of(k, seed, 4), KERNELS);
        assertThat(four.centroids()).containsExactly(one.centroids());
        assertThat(four.labels()).containsExactly(one.labels());
        assertThat(four.iterations()).isEqualTo(one.iterations());
    }

    @Property(tries = 25)
    void everyPointIsAssignedToItsNearestCentroidAndNoClusterIsEmpty(@ForAll @IntRange(min = 100, max = 800) int n,
                                                                     @ForAll @IntRange(min = 1, max = 24) int k,
                                                                     @ForAll @IntRange(min = 2, max = 48) int dimension,
                                                                     @ForAll @LongRange(min = 0, max = 1000) long seed) {
        float[] rows = gaussian(n, dimension, seed);
        Metric metric = seed % 2 == 0 ? Metric.L2 : Metric.COSINE;
        PointSet points = prepared(rows, dimension, metric);
        Clustering clustering = KMeans.train(points, metric, new KMeansParams(k, 50, 0, seed, 2), KERNELS);
        float[] point = new float[dimension];
        for (int i = 0; i < n; i++) {
            points.read(i, point);
            float assigned = distance(metric, point, clustering.centroid(clustering.labels()[i]));
            for (int c = 0; c < k; c++) {
                float other = distance(metric, point, clustering.centroid(c));
                assertThat(assigned).as("point %d: its centroid against centroid %d", i, c)
                        .isLessThanOrEqualTo(other + 1e-4f * Math.max(1, Math.abs(other)));
            }
        }
        assertThat(clustering.sizes()).doesNotContain(0);
    }

    @Test
    void aConvergedCentroidIsTheMeanOfItsPoints() {
        int dimension = 8;
        float[] rows = gaussian(500, dimension, 3);
        Clustering clustering = KMeans.train(PointSet.ofRows(rows, dimension), Metric.L2, new KMeansParams(6, 100, 0, 3, 2), KERNELS);
        assertThat(clustering.converged()).isTrue();
        for (int c = 0; c < 6; c++) {
            double[] mean = new double[dimension];
            int size = 0;
            for (int i = 0; i < 500; i++) {
                if (clustering.labels()[i] == c) {
                    size++;
                    for (int d = 0; d < dimension; d++) {
                        mean[d] += rows[i * dimension + d];
                    }
                }
            }
            float[] centroid = clustering.centroid(c);
            for (int d = 0; d < dimension; d++) {
                assertThat((double) centroid[d]).isCloseTo(mean[d] / size, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }

    @Test
    void separatedGroupsAreFoundAndAnEmptyClusterSplitsTheLargest() {
        // Three tight, far-apart groups: the seeding must put one centroid in each, and a fourth
        // cluster must take points from one group rather than stay empty.
        int dimension = 4;
        float[] rows = new float[300 * dimension];
        Random random = new Random(5);
        for (int i = 0; i < 300; i++) {
            for (int d = 0; d < dimension; d++) {
                rows[i * dimension + d] = (i % 3) * 100 + (float) random.nextGaussian() * 0.1f;
            }
        }
        Clustering three = KMeans.train(PointSet.ofRows(rows, dimension), Metric.L2, KMeansParams.of(3, 1, 1), KERNELS);
        assertThat(three.sizes()).containsExactlyInAnyOrder(100, 100, 100);
        Clustering four = KMeans.train(PointSet.ofRows(rows, dimension), Metric.L2, KMeansParams.of(4, 1, 1), KERNELS);
        assertThat(four.sizes()).doesNotContain(0);
    }

    @Test
    void fewerDistinctPointsThanClustersDoesNotFail() {
        float[] rows = new float[40];
        for (int i = 0; i < 20; i++) {
            rows[2 * i] = i % 2;
        }
        Clustering clustering = KMeans.train(PointSet.ofRows(rows, 2), Metric.L2, KMeansParams.of(5, 1, 1), KERNELS);
        assertThat(clustering.labels()).hasSize(20);
        assertThat(java.util.Arrays.stream(clustering.sizes()).filter(size -> size > 0).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> KMeans.train(PointSet.ofRows(new float[10], 2), Metric.L2, KMeansParams.of(6, 1, 1), KERNELS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 clusters of 5 points");
        assertThatThrownBy(() -> KMeansParams.of(0, 1, 1)).hasMessageContaining("at least 1 cluster");
        assertThatThrownBy(() -> new KMeansParams(2, 0, 0, 1, 1)).hasMessageContaining("iteration");
        assertThatThrownBy(() -> PointSet.ofRows(new float[10], 3)).hasMessageContaining("dimension 3");
    }

    private static float distance(Metric metric, float[] a, float[] b) {
        return metric == Metric.COSINE ? 1 - ScalarVectorKernels.INSTANCE.dot(a, b) : metric.distance(ScalarVectorKernels.INSTANCE, a, b);
    }

    /** The points as k-means wants them for the metric: unit vectors for cosine. */
    private static PointSet prepared(float[] rows, int dimension, Metric metric) {
        if (metric == Metric.COSINE) {
            rows = rows.clone();
            for (int i = 0; i < rows.length / dimension; i++) {
                double norm = 0;
                for (int d = 0; d < dimension; d++) {
                    norm += rows[i * dimension + d] * rows[i * dimension + d];
                }
                for (int d = 0; d < dimension; d++) {
                    rows[i * dimension + d] /= (float) Math.sqrt(norm);
                }
            }
        }
        return PointSet.ofRows(rows, dimension);
    }

    private static float[] gaussian(int n, int dimension, long seed) {
        Random random = new Random(seed);
        float[] rows = new float[n * dimension];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) random.nextGaussian();
        }
        return rows;
    }
}
