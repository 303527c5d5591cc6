package io.proximadb.index.quant.pq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.index.cluster.PointSet;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.MemorySegment;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Product quantizer: nearest-codeword encoding, reconstruction error, ADC = exact distance to the decoded vector. */
class ProductQuantizerTest {

    private static final int DIMENSION = 24;

    /** Trained once on 2,000 Gaussian vectors with m = 6 (4 floats a sub-space). */
    private static final ProductQuantizer TRAINED = PqTrainer.train(PointSet.ofRows(gaussian(2_000, DIMENSION, 1), DIMENSION),
            6, Metric.L2, 7, 2, VectorKernelsProvider.best());

    @Property(tries = 200)
    void eachSubspaceCodeIsItsNearestCodeword(@ForAll @LongRange(min = 0, max = 100_000) long seed) {
        float[] vector = gaussian(1, DIMENSION, seed);
        byte[] code = new byte[6];
        TRAINED.encode(vector, code);
        float[] codebooks = TRAINED.codebooks();
        for (int s = 0; s < 6; s++) {
            float chosen = subspaceError(vector, codebooks, s, code[s] & 0xFF);
            for (int c = 0; c < ProductQuantizer.CODEWORDS; c++) {
                assertThat(chosen).isLessThanOrEqualTo(subspaceError(vector, codebooks, s, c) + 1e-5f);
            }
        }
    }

    @Test
    void reconstructionErrorIsBoundedOnTheTrainingDistribution() {
        float[] test = gaussian(500, DIMENSION, 99);
        double error = 0;
        double energy = 0;
        byte[] code = new byte[6];
        float[] decoded = new float[DIMENSION];
        for (int i = 0; i < 500; i++) {
            float[] vector = new float[DIMENSION];
            System.arraycopy(test, i * DIMENSION, vector, 0, DIMENSION);
            TRAINED.encode(vector, code);
            TRAINED.decode(code, 0, decoded);
            error += ScalarVectorKernels.INSTANCE.squaredL2(vector, decoded);
            energy += ScalarVectorKernels.INSTANCE.dot(vector, vector);
        }
        // 256 codewords in 4 Gaussian dimensions leave about a fifth of the energy (k-means theory:
        // distortion ~ 2^(-2 × 8/4) × 4 ≈ 0.16-0.25 of the variance); a broken trainer leaves ~1.
        assertThat(error / energy).isLessThan(0.3);
    }

    @Property(tries = 100)
    void adcDistanceIsTheExactDistanceToTheDecodedVector(@ForAll @LongRange(min = 0, max = 100_000) long seed,
                                                         @ForAll @IntRange(min = 0, max = 3) int metricIndex) {
        Metric metric = Metric.values()[metricIndex];
        ProductQuantizer pq = TRAINED.withMetric(metric);
        Random random = new Random(seed);
        float[] query = gaussian(1, DIMENSION, random.nextLong());
        byte[] codes = new byte[6 + 3];
        random.nextBytes(codes);
        float[] decoded = new float[DIMENSION];
        pq.decode(codes, 3, decoded);
        float[] table = new float[pq.tableLength()];
        pq.distanceTable(query, table);
        float expected = switch (metric) {
            case COSINE -> 1 - ScalarVectorKernels.INSTANCE.dot(query, decoded) / (float) Math.sqrt(ScalarVectorKernels.INSTANCE.dot(query, query));
            default -> metric.distance(ScalarVectorKernels.INSTANCE, query, decoded);
        };
        Offset<Float> tolerance = Offset.offset(1e-4f * Math.max(1, Math.abs(expected)));
        assertThat(pq.distance(table, codes, 3)).isCloseTo(expected, tolerance);
        assertThat(pq.distance(table, MemorySegment.ofArray(codes), 3)).isCloseTo(expected, tolerance);
    }

    @Test
    void codesReadInPlaceEightAtATimeGiveTheSameDistance() {
        // m = 12: one long of eight codes and a tail of four.
        ProductQuantizer pq = PqTrainer.train(PointSet.ofRows(gaussian(300, 24, 5), 24), 12, Metric.L2, 1, 1,
                VectorKernelsProvider.best());
        Random random = new Random(6);
        byte[] codes = new byte[12 * 10];
        random.nextBytes(codes);
        float[] table = new float[pq.tableLength()];
        pq.distanceTable(gaussian(1, 24, 8), table);
        for (int i = 0; i < 10; i++) {
            assertThat(pq.distance(table, MemorySegment.ofArray(codes), i * 12L))
                    .isCloseTo(pq.distance(table, codes, i * 12), Offset.offset(1e-4f));
        }
    }

    @Test
    void fewerTrainingVectorsThanCodewordsStillEncodeExactly() {
        float[] rows = gaussian(10, 8, 3);
        ProductQuantizer pq = PqTrainer.train(PointSet.ofRows(rows, 8), 2, Metric.L2, 1, 1, VectorKernelsProvider.best());
        byte[] code = new byte[2];
        float[] decoded = new float[8];
        for (int i = 0; i < 10; i++) {
            float[] vector = new float[8];
            System.arraycopy(rows, i * 8, vector, 0, 8);
            pq.encode(vector, code);
            pq.decode(code, 0, decoded);
            assertThat(ScalarVectorKernels.INSTANCE.squaredL2(vector, decoded)).isLessThan(1e-6f);
        }
    }

    @Test
    void subspacesThatDoNotDivideTheDimensionAreRefusedWithTheDivisors() {
        assertThatThrownBy(() -> ProductQuantizer.checkSubspaces(32, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pq_m = 5").hasMessageContaining("dimension 32").hasMessageContaining("1, 2, 4, 8, 16, 32");
        assertThatThrownBy(() -> new ProductQuantizer(8, 2, new float[7], Metric.L2)).hasMessageContaining("2048");
        assertThatThrownBy(() -> TRAINED.encode(new float[3], new byte[6])).hasMessageContaining("dimension 3");
    }

    private static float subspaceError(float[] vector, float[] codebooks, int s, int c) {
        int sub = DIMENSION / 6;
        float error = 0;
        for (int j = 0; j < sub; j++) {
            float diff = vector[s * sub + j] - codebooks[(s * ProductQuantizer.CODEWORDS + c) * sub + j];
            error += diff * diff;
        }
        return error;
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
