package io.proximadb.index.quant.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.proximadb.index.quant.QueryScorer;
import io.proximadb.spi.index.IndexFixtures;
import io.proximadb.spi.index.IndexFormatException;
import io.proximadb.spi.record.Metric;
import io.proximadb.spi.vector.QuantizedKernels;
import io.proximadb.spi.vector.ScalarVectorKernels;
import io.proximadb.spi.vector.VectorKernelsProvider;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** What {@code binary} promises: sign bits around the mean, and an estimate that is exact for two-level vectors. */
class BinaryQuantizerTest {

    private static final QuantizedKernels KERNELS = VectorKernelsProvider.best().quantized();

    @Property(tries = 100)
    void reflectionsThroughTheMeanHaveComplementaryCodes(@ForAll @IntRange(min = 1, max = 300) int dimension,
                                                          @ForAll long seed) {
        Random random = new Random(seed);
        BinaryQuantizer quantizer = BinaryQuantizer.train(Metric.L2, IndexFixtures.random(50, dimension, seed), KERNELS);
        float[] up = new float[dimension];
        float[] down = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            float u = (float) ((0.01 + random.nextDouble()) * (random.nextBoolean() ? 1 : -1));
            up[i] = quantizer.mean(i) + u;
            down[i] = quantizer.mean(i) - u;
        }
        long[] a = new long[quantizer.words()];
        long[] b = new long[quantizer.words()];
        quantizer.encode(up, a, new float[dimension], new float[2]);
        quantizer.encode(down, b, new float[dimension], new float[2]);
        assertThat(KERNELS.hamming(a, b)).isEqualTo(dimension);
        for (int w = 0; w < a.length; w++) {
            long used = dimension - 64 * w >= 64 ? -1L : (1L << (dimension - 64 * w)) - 1;
            assertThat(a[w] ^ b[w]).as("word %d", w).isEqualTo(used);
        }
        if (dimension % 64 != 0) {
            assertThat(a[a.length - 1] | b[b.length - 1]).as("unused bits stay zero").isEqualTo((1L << dimension % 64) - 1);
        }
    }

    @Property(tries = 100)
    void theEstimateIsExactForVectorsOfEqualMagnitudesAboutTheMean(@ForAll @IntRange(min = 1, max = 200) int dimension,
                                                                    @ForAll @IntRange(min = 0, max = 3) int metricIndex,
                                                                    @ForAll long seed) {
        Metric metric = Metric.values()[metricIndex];
        if (metric == Metric.COSINE) {
            metric = Metric.DOT; // normalising would break the equal magnitudes; cosine is dot on unit vectors
        }
        Random random = new Random(seed);
        BinaryQuantizer quantizer = BinaryQuantizer.train(metric, IndexFixtures.random(40, dimension, seed), KERNELS);
        float[] query = twoLevel(quantizer, random, dimension, 0.5f + random.nextFloat());
        float[] vector = twoLevel(quantizer, random, dimension, 0.5f + random.nextFloat());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment code = arena.allocate(quantizer.bytesPerVector() + 5);
            quantizer.encode(vector, code, 5);
            QueryScorer scorer = quantizer.newScorer();
            scorer.setQuery(query);
            float expected = metric == Metric.MANHATTAN
                    ? Metric.L2.distance(ScalarVectorKernels.INSTANCE, query, vector)
                    : metric.distance(ScalarVectorKernels.INSTANCE, query, vector);
            assertThat(scorer.distance(code, 5)).isCloseTo(expected, Offset.offset(1e-3f * (1 + Math.abs(expected)) + 1e-4f * dimension));
        }
    }

    @Test
    void theMeanIsTheTrainingMeanAndReadsBack() throws IndexFormatException {
        IndexFixtures.ArrayValues values = new IndexFixtures.ArrayValues(List.of(new float[] {1, 10, -3}, new float[] {3, 20, -5}), 3);
        BinaryQuantizer quantizer = BinaryQuantizer.train(Metric.L2, values, KERNELS);
        assertThat(new float[] {quantizer.mean(0), quantizer.mean(1), quantizer.mean(2)}).containsExactly(2, 15, -4);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment parameters = arena.allocate(quantizer.parameterBytes());
            quantizer.writeParameters(parameters, 0);
            BinaryQuantizer read = BinaryQuantizer.read(Metric.L2, 3, parameters, 0, KERNELS);
            assertThat(read.mean(1)).isEqualTo(15f);
            parameters.set(BinaryQuantizer.STORED_FLOAT, 4, Float.NaN);
            assertThatThrownBy(() -> BinaryQuantizer.read(Metric.L2, 3, parameters, 0, KERNELS))
                    .isInstanceOf(IndexFormatException.class).hasMessageContaining("dimension 1");
        }
        assertThat(BinaryQuantizer.bytesPerVector(784)).isEqualTo(13 * 8 + 8);
    }

    /** {@code mean ± magnitude} in every dimension, signs at random. */
    private static float[] twoLevel(BinaryQuantizer quantizer, Random random, int dimension, float magnitude) {
        float[] vector = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            vector[i] = quantizer.mean(i) + (random.nextBoolean() ? magnitude : -magnitude);
        }
        return vector;
    }
}
