package io.proximadb.index.axis;

import static org.assertj.core.api.Assertions.assertThat;

import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.VectorValues;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The features measure what they claim on data whose answer is known. */
class FeatureSamplerTest {

    private final FeatureSampler sampler = new FeatureSampler(VectorKernelsProvider.best());

    @Test
    void intrinsicDimensionalityFollowsTheSubspaceNotTheEmbedding() {
        SegmentFeatures flat = sampler.sample(subspace(4_000, 64, 4, 1), Metric.L2, 10, 7);
        SegmentFeatures full = sampler.sample(IndexFixtures.random(4_000, 32, 3), Metric.L2, 10, 7);
        assertThat(flat.intrinsicDim()).isBetween(3.0, 6.0);
        assertThat(full.intrinsicDim()).isGreaterThan(12.0);
        // Low intrinsic dimensionality: nearest neighbours stand out more.
        assertThat(flat.relativeContrast()).isGreaterThan(full.relativeContrast());
    }

    @Test
    void clusterVarianceIsLowForTightClustersAndHighForOneCloud() {
        SegmentFeatures clustered = sampler.sample(IndexFixtures.clustered(4_000, 16, 8, 5).values(), Metric.L2, 10, 7);
        SegmentFeatures cloud = sampler.sample(IndexFixtures.random(4_000, 16, 5), Metric.L2, 10, 7);
        assertThat(clustered.clusterVariance()).isLessThan(0.3);
        assertThat(cloud.clusterVariance()).isGreaterThan(0.5);
    }

    @Test
    void theSameSeedGivesTheSameFeaturesAndTinySegmentsAreHandled() {
        VectorValues values = IndexFixtures.random(2_000, 16, 9);
        assertThat(sampler.sample(values, Metric.COSINE, 10, 1)).isEqualTo(sampler.sample(values, Metric.COSINE, 10, 1));
        assertThat(sampler.sample(IndexFixtures.random(1, 16, 9), Metric.L2, 10, 1).count()).isEqualTo(1);
        assertThat(sampler.sample(IndexFixtures.random(0, 16, 9), Metric.L2, 10, 1).count()).isZero();
    }

    /** Gaussian points in a random {@code intrinsic}-dimensional subspace of {@code dimension} dimensions. */
    private static VectorValues subspace(int count, int dimension, int intrinsic, long seed) {
        Random random = new Random(seed);
        double[][] basis = new double[intrinsic][dimension];
        for (double[] row : basis) {
            for (int d = 0; d < dimension; d++) {
                row[d] = random.nextGaussian();
            }
        }
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            float[] row = new float[dimension];
            rows.add(row);
            for (double[] direction : basis) {
                double weight = random.nextGaussian();
                for (int d = 0; d < dimension; d++) {
                    row[d] += (float) (weight * direction[d]);
                }
            }
        }
        return new IndexFixtures.ArrayValues(rows, dimension);
    }
}
